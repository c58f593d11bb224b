using System.Net;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Tests.Support;

namespace ActorSupervisor.Node.Tests.Api;

public sealed class AuthApiTests : IAsyncLifetime
{
    private const string Token = "s3cret-token-for-tests";
    private readonly NodeFactory _node = new(new Dictionary<string, string>
    {
        ["actor-supervisor:node:api:host"] = "0.0.0.0",
        ["actor-supervisor:node:api:token"] = Token,
    });

    public async Task InitializeAsync() => await _node.ReadyClientAsync(Token);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token-of-some-length")]
    [InlineData("Bearer s3cret-token-for-test")]
    [InlineData("Basic czNjcmV0")]
    [InlineData("Bearer s3cret-token-for-tests-and-more")]
    public async Task Requests_without_the_right_token_are_401(string? authorization)
    {
        var client = _node.CreateAnonymousClient();
        if (authorization is not null)
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        foreach (var path in new[] { ApiRoutes.Containers, ApiRoutes.Node, ApiRoutes.Metrics, "/openapi/v1.json", "/api/v1/nothing" })
        {
            var response = await client.GetAsync(path);
            await response.ExpectErrorAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
        var create = await client.PostAsync(ApiRoutes.Containers, Http.Json("""{"name":"x","cmd":"a"}"""));
        await create.ExpectErrorAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task The_right_token_is_accepted_and_probes_need_none()
    {
        var anonymous = _node.CreateAnonymousClient();
        var authorized = _node.CreateAnonymousClient();
        authorized.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + Token);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(ApiRoutes.Healthz)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(ApiRoutes.Readyz)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await authorized.GetAsync(ApiRoutes.Containers)).StatusCode);
        Assert.Equal("[]", await (await authorized.GetAsync(ApiRoutes.Containers + "?all=true")).Content.ReadAsStringAsync());
    }
}
