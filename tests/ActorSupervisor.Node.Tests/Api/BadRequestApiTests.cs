using System.Net;
using System.Text;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Tests.Support;

namespace ActorSupervisor.Node.Tests.Api;

public sealed class BadRequestApiTests : IAsyncLifetime
{
    private readonly NodeFactory _node = new(new Dictionary<string, string> { ["actor-supervisor:node:api:max-body-size"] = "64k" });
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _node.ReadyClientAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("""{"name":"x","cmd":"a","healthcheck":{"retries":"3"}}""", "healthcheck.retries")]
    [InlineData("""{"name":"x","cmd":"a","healthcheck":{"retries":99999999999999}}""", "healthcheck.retries")]
    [InlineData("""{"name":"xx","cmd":"a","memory":true}""", "memory")]
    [InlineData("""{"name":"x","command":"not-a-list"}""", "command")]
    [InlineData("""{"name":"x","cmd":"a","env":{"A":1}}""", "env.A")]
    [InlineData("""{"name":"x","cmd":"a","colour":"red"}""", "colour")]
    [InlineData("""{"name":"x","cmd":"a","healthcheck":{"tset":["NONE"]}}""", "healthcheck.tset")]
    [InlineData("""{"name":"x","cmd":"a","backoff":{"inital":"1s"}}""", "backoff.inital")]
    public async Task Wrong_types_and_unknown_fields_are_400_naming_the_field(string body, string field)
    {
        var response = await _client.PostAsync(ApiRoutes.Containers, Http.Json(body));

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal(field, Assert.Single(error.Details!).Field);
        await AssertNothingCreated();
    }

    [Theory]
    [InlineData("""{"name":"bad name","cmd":"a"}""", "name", "bad name")]
    [InlineData("""{"name":"x","cmd":"a","memory":"5x"}""", "memory", "5x")]
    [InlineData("""{"name":"x","cmd":"a","restart":"sometimes"}""", "restart", "sometimes")]
    [InlineData("""{"name":"x","cmd":"a","stopSignal":"SIGNOPE"}""", "stopSignal", "SIGNOPE")]
    [InlineData("""{"name":"x","cmd":"a","runtime":"vm"}""", "runtime", "vm")]
    [InlineData("""{"name":"x","cmd":"a","healthcheck":{"test":["CMD-SHELL","x"],"interval":"5x"}}""", "healthcheck.interval", "5x")]
    [InlineData("""{"name":"x","cmd":"a","stopTimeout":"99999999999999h"}""", "stopTimeout", "99999999999999h")]
    [InlineData("""{"name":"x","cmd":"a","memory":"99999999999999999999g"}""", "memory", "99999999999999999999g")]
    [InlineData("""{"name":"x","cmd":"a","restart":"on-failure:99999999999"}""", "restart", "on-failure:99999999999")]
    [InlineData("""{"name":"x","cmd":"a","healthcheck":{"test":["CMD-SHELL","x"],"retries":-1}}""", "healthcheck.retries", "-1")]
    [InlineData("""{"name":"x","cmd":"a","backoff":{"initial":"soon"}}""", "backoff.initial", "soon")]
    [InlineData("""{"name":"x","cmd":"a","intensity":{"maxRestarts":3,"window":"often"}}""", "intensity.window", "often")]
    public async Task Bad_values_are_400_with_field_value_and_message(string body, string field, string value)
    {
        var response = await _client.PostAsync(ApiRoutes.Containers, Http.Json(body));

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        var detail = Assert.Single(error.Details!, d => d.Field == field);
        Assert.Equal(value, detail.Value);
        Assert.False(string.IsNullOrWhiteSpace(detail.Message));
        await AssertNothingCreated();
    }

    [Fact]
    public async Task Every_error_of_a_spec_is_one_detail()
    {
        var response = await _client.PostAsync(ApiRoutes.Containers, Http.Json("""{"name":"-x","runtime":"process","memory":"lots","restart":"maybe"}"""));

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Contains(error.Details!, d => d.Field == "name");
        Assert.Contains(error.Details!, d => d.Field == "memory");
        Assert.Contains(error.Details!, d => d.Field == "restart");
        Assert.Contains(error.Details!, d => d.Field == "command");
    }

    [Fact]
    public async Task A_runtime_this_node_does_not_run_is_400_about_the_runtime()
    {
        var response = await _client.PostAsync(ApiRoutes.Containers, Http.Json("""{"name":"dk","runtime":"docker","image":"busybox"}"""));

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal(("runtime", "docker"), (error.Details![0].Field, error.Details[0].Value));
        await AssertNothingCreated();
    }

    [Fact]
    public async Task A_huge_name_is_refused_as_a_bad_name()
    {
        var name = new string('a', 10_000);

        var response = await _client.PostAsync(ApiRoutes.Containers, Http.Json($$"""{"name":"{{name}}","cmd":"a"}"""));

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal("name", error.Details![0].Field);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_400_about_the_body()
    {
        var env = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"V{i}\":\"{new string('x', 20)}\""));

        var response = await _client.PostAsync(ApiRoutes.Containers, Http.Json("{\"name\":\"big\",\"cmd\":\"a\",\"env\":{" + env + "}}"));

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal("body", error.Details![0].Field);
        await AssertNothingCreated();
    }

    [Fact]
    public async Task Malformed_json_gives_the_line_and_byte()
    {
        var response = await _client.PostAsync(ApiRoutes.Containers, Http.Json("{\n  \"name\": \"x\",\n  \"cmd\": \"a\" \"oops\"\n}"));

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_json_or_missing_is_400()
    {
        var text = await _client.PostAsync(ApiRoutes.Containers, new StringContent("name=x", Encoding.UTF8, "text/plain"));
        var empty = await _client.PostAsync(ApiRoutes.Containers, Http.Json(""));
        var nothing = await _client.PostAsync(ApiRoutes.Containers, Http.Json("null"));

        Assert.Equal("body", (await text.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument)).Details![0].Field);
        await empty.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        await nothing.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }

    [Theory]
    [InlineData("/api/v1/containers?all=maybe", "query.all")]
    [InlineData("/api/v1/containers?filter=colour=red", "query.filter")]
    [InlineData("/api/v1/containers?filter=status=sleeping", "query.filter")]
    [InlineData("/api/v1/containers?filter=health=fine", "query.filter")]
    [InlineData("/api/v1/containers?filter=name", "query.filter")]
    [InlineData("/api/v1/events?since=yesterday&follow=false", "query.since")]
    [InlineData("/api/v1/events?filter=type=explode&follow=false", "query.filter")]
    [InlineData("/api/v1/events?follow=perhaps", "query.follow")]
    public async Task Bad_query_parameters_are_400_naming_them(string url, string field)
    {
        var response = await _client.GetAsync(url);

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal(field, error.Details![0].Field);
    }

    [Theory]
    [InlineData("stop?t=-1", "query.t")]
    [InlineData("stop?t=soon", "query.t")]
    [InlineData("restart?t=1.5", "query.t")]
    [InlineData("kill?signal=SIGNOPE", "query.signal")]
    [InlineData("kill?signal=99", "query.signal")]
    public async Task Bad_verb_parameters_are_400_and_change_nothing(string verb, string field)
    {
        await _client.CreateAsync("""{"name":"target","cmd":"serve"}""", start: true);

        var response = await _client.PostAsync(ApiRoutes.Container("target") + "/" + verb, null);

        Assert.Equal(field, (await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument)).Details![0].Field);
        Assert.Equal(ContainerStates.Running, (await _client.InspectAsync("target")).State);
    }

    [Fact]
    public async Task Unknown_routes_are_404_and_wrong_methods_405_with_an_error_body()
    {
        var unknown = await _client.GetAsync("/api/v1/nothing");
        var wrongMethod = await _client.PutAsync(ApiRoutes.Containers, Http.Json("{}"));

        await unknown.ExpectErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await wrongMethod.ExpectErrorAsync(HttpStatusCode.MethodNotAllowed, ErrorCodes.InvalidArgument);
    }

    private async Task AssertNothingCreated()
    {
        var list = await _client.GetStringAsync(ApiRoutes.Containers + "?all=true");
        Assert.Equal("[]", list);
    }
}
