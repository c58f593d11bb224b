using System.Net;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Tests.Support;

namespace ActorSupervisor.Node.Tests.Api;

/// <summary>Issue 14: request bodies are plain JSON; spec bounds and NUL bytes are 400s naming the field.</summary>
public sealed class StrictJsonApiTests : IAsyncLifetime
{
    private readonly NodeFactory _node = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _node.ReadyClientAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("""{"name":"web-1", /* why */ "cmd":"a"}""", "body", "comments are not allowed")]
    [InlineData("{\"name\":\"web-1\", // why\n \"cmd\":\"a\"}", "body", "comments are not allowed")]
    [InlineData("""{"name":"web-1","cmd":"a",}""", "body", "trailing commas are not allowed")]
    [InlineData("""{"name":"web-1","cmd":"a","healthcheck":{"test":["CMD","true",]}}""", "body", "trailing commas are not allowed")]
    [InlineData("""{"name":"web-1","name":"web-2","cmd":"a"}""", "name", "given twice")]
    [InlineData("""{"name":"web-1","cmd":"a","healthcheck":{"test":["NONE"],"test":["CMD","x"]}}""", "healthcheck.test", "given twice")]
    [InlineData("""{"Name":"web-1","cmd":"a"}""", "Name", "case-sensitive")]
    [InlineData("""{"name":"web-1","CMD":"a"}""", "CMD", "case-sensitive")]
    public async Task Lenient_json_is_400_naming_the_problem_and_where(string body, string field, string problem)
    {
        var response = await _client.PostAsync(ApiRoutes.Containers, Http.Json(body));

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        var detail = Assert.Single(error.Details!);
        Assert.Equal(field, detail.Field);
        Assert.Contains(problem, detail.Message);
        Assert.Contains("line 1", detail.Message);
        Assert.Equal("[]", await _client.GetStringAsync(ApiRoutes.Containers + "?all=true"));
    }

    [Theory]
    [InlineData("""{"name":"web-1","cmd":"a","restart":" always"}""", "restart")]
    [InlineData("""{"name":"web-1","cmd":"a","healthcheck":{"test":["CMD","true"],"interval":"1ns"}}""", "healthcheck.interval")]
    [InlineData("""{"name":"web-1","cmd":"a","healthcheck":{"test":["CMD","true"],"timeout":"25h"}}""", "healthcheck.timeout")]
    [InlineData("""{"name":"web-1","cmd":"a","backoff":{"max":"1200h"}}""", "backoff.max")]
    [InlineData("""{"name":"web-1","cmd":"a","stopTimeout":"1200h"}""", "stopTimeout")]
    [InlineData("""{"name":"web-1","cmd":"a","intensity":{"maxRestarts":3,"window":"1000h"}}""", "intensity.window")]
    [InlineData("""{"name":"web-1","cmd":"a","memory":"1p"}""", "memory")]
    [InlineData("""{"name":"web-1","cmd":"echo \u0000 x"}""", "cmd")]
    [InlineData("""{"name":"web-1","command":["echo","a\u0000b"]}""", "command")]
    [InlineData("""{"name":"web-1","cmd":"a","env":{"A":"x\u0000y"}}""", "env.A")]
    public async Task Out_of_bounds_values_and_nul_bytes_are_400_naming_the_field(string body, string field)
    {
        var response = await _client.PostAsync(ApiRoutes.Containers, Http.Json(body));

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal(field, Assert.Single(error.Details!).Field);
        Assert.Equal("[]", await _client.GetStringAsync(ApiRoutes.Containers + "?all=true"));
    }

    [Fact]
    public async Task Plain_json_with_the_right_case_is_accepted()
    {
        var response = await _client.PostAsync(ApiRoutes.Containers, Http.Json("""{"name":"web-1","cmd":"a","stopTimeout":"1h","backoff":{"max":"24h"}}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
