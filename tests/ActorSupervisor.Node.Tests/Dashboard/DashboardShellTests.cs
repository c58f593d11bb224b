using System.Net;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Tests.Support;

namespace ActorSupervisor.Node.Tests.Dashboard;

/// <summary>The dashboard's shell loads without the token and carries no data; nothing else opens up.</summary>
public sealed class DashboardShellTests : IAsyncLifetime
{
    private readonly NodeFactory _node = new();

    public async Task InitializeAsync() => await _node.ReadyClientAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("/", "text/html", "<form method=\"dialog\">")]
    [InlineData("/dashboard/app.js", "text/javascript", "Authorization: \"Bearer \"")]
    [InlineData("/dashboard/app.css", "text/css", "svg.timeline")]
    public async Task The_shell_loads_without_a_token_under_a_strict_content_policy(string path, string type, string excerpt)
    {
        var response = await _node.CreateAnonymousClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(excerpt, await response.Content.ReadAsStringAsync());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task An_unchanged_file_is_answered_304_by_its_entity_tag()
    {
        var client = _node.CreateAnonymousClient();
        var first = await client.GetAsync("/dashboard/app.js");
        var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/app.js");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var again = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/dashboard/other.js")]
    [InlineData("GET", "/index.html")]
    [InlineData("GET", "/dashboard/")]
    [InlineData("POST", "/")]
    [InlineData("DELETE", "/dashboard/app.js")]
    public async Task Any_other_path_or_method_still_needs_the_token(string method, string path)
    {
        var response = await _node.CreateAnonymousClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.ExpectErrorAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }
}
