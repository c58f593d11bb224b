using System.Net;
using ActorSupervisor.Node.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ActorSupervisor.Node.Tests.Api;

/// <summary>The node's OpenAPI document, read back with Microsoft.OpenApi's reader and compared with the routes the node maps.</summary>
public sealed class OpenApiDocumentTests(OpenApiDocumentTests.NodeDocument fixture) : IClassFixture<OpenApiDocumentTests.NodeDocument>
{
    private const string DocumentPath = "/openapi/v1.json";
    private readonly NodeFactory _node = fixture.Node;
    private readonly OpenApiDocument _document = fixture.Document;

    /// <summary>One node and its document, read once for the class.</summary>
    public sealed class NodeDocument : IAsyncLifetime
    {
        public NodeFactory Node { get; } = new();

        public OpenApiDocument Document { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var client = await Node.ReadyClientAsync();
            var json = await client.GetStringAsync(DocumentPath);
            // Kept beside the test binaries for a reader of a failed run.
            await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "openapi.json"), json);
            var result = OpenApiDocument.Parse(json, "json", new OpenApiReaderSettings());
            Assert.Empty(result.Diagnostic?.Errors ?? []);
            Document = result.Document!;
        }

        public async Task DisposeAsync() => await Node.DisposeAsync();
    }

    [Fact]
    public void The_document_passes_the_OpenAPI_rule_set()
    {
        var errors = _document.Validate(ValidationRuleSet.GetDefaultRuleSet());

        Assert.Empty(errors?.Select(e => $"{e.Pointer}: {e.Message}") ?? []);
        Assert.Equal("ActorSupervisor management API", _document.Info.Title);
    }

    [Fact]
    public void Every_route_the_node_maps_is_in_the_document_with_its_method()
    {
        var mapped = _node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText != "/openapi/{documentName}.json") // the document itself
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Method: method, Path: Normalize(e.RoutePattern.RawText!))))
            .ToList();
        var documented = _document.Paths
            .SelectMany(p => (p.Value.Operations ?? []).Keys.Select(method => (Method: method.Method, Path: Normalize(p.Key))))
            .ToHashSet();

        Assert.True(mapped.Count >= 25, $"the node maps its routes ({mapped.Count} found)");
        Assert.Empty(mapped.Where(route => !documented.Contains(route)).Select(r => $"{r.Method} {r.Path}"));
        Assert.Empty(documented.Except(mapped).Select(r => $"{r.Method} {r.Path}"));
        foreach (var (path, item) in _document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                Assert.Contains(operation.Responses!.Keys, code => code.StartsWith('2'));
                Assert.All((operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Path), p => Assert.False(string.IsNullOrEmpty(p.Description), $"{method} {path} {p.Name}"));
            }
        }
    }

    [Theory]
    [InlineData("GET", "/api/v1/containers", "all,filter")]
    [InlineData("POST", "/api/v1/containers", "start")]
    [InlineData("DELETE", "/api/v1/containers/{nameOrId}", "force")]
    [InlineData("POST", "/api/v1/containers/{nameOrId}/stop", "t")]
    [InlineData("POST", "/api/v1/containers/{nameOrId}/restart", "t")]
    [InlineData("POST", "/api/v1/containers/{nameOrId}/kill", "signal")]
    [InlineData("GET", "/api/v1/containers/{nameOrId}", "at")]
    [InlineData("GET", "/api/v1/containers/{nameOrId}/history", "limit,since,until")]
    [InlineData("GET", "/api/v1/containers/{nameOrId}/logs", "tail,since,follow")]
    [InlineData("GET", "/api/v1/events", "since,until,follow,filter")]
    public void Query_parameters_are_described(string method, string path, string names)
    {
        var operation = Operation(method, path);

        var query = (operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Query).ToList();
        Assert.Equal(names.Split(',').Order(), query.Select(p => p.Name!).Order());
        Assert.All(query, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        if (names.Contains("filter"))
            Assert.Equal(JsonSchemaType.Array, query.Single(p => p.Name == "filter").Schema!.Type);
    }

    [Theory]
    [InlineData("POST", "/api/v1/containers", "RawContainerSpec")]
    [InlineData("POST", "/api/v1/containers/{nameOrId}/update", "UpdateRequest")]
    [InlineData("POST", "/api/v1/cluster/join", "ClusterJoinRequest")]
    [InlineData("POST", "/api/v1/cluster/down", "ClusterMemberRequest")]
    public void Request_bodies_name_their_schema(string method, string path, string schema)
    {
        var body = Operation(method, path).RequestBody!.Content!["application/json"].Schema;

        Assert.Equal(schema, Assert.IsType<OpenApiSchemaReference>(body).Reference.Id);
        Assert.Contains(schema, _document.Components!.Schemas!.Keys);
    }

    [Fact]
    public void Every_API_route_answers_errors_with_the_ApiError_schema()
    {
        var error = _document.Components!.Schemas!["ApiError"];
        Assert.Equal(["code", "details", "message"], error.Properties!.Keys.Order());
        Assert.Contains("code", error.Required ?? new HashSet<string>());
        Assert.Contains("message", error.Required ?? new HashSet<string>());

        foreach (var (path, item) in _document.Paths.Where(p => p.Key.StartsWith("/api/v1", StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in item.Operations!)
            {
                foreach (var status in new[] { "401", "500", "503" })
                {
                    var response = operation.Responses![status];
                    Assert.False(string.IsNullOrEmpty(response.Description), $"{method} {path} {status} has a description");
                    Assert.Equal("ApiError", Assert.IsType<OpenApiSchemaReference>(response.Content!["application/json"].Schema).Reference.Id);
                }
            }
        }
        Assert.Contains("404", Operation("GET", "/api/v1/containers/{nameOrId}").Responses!.Keys);
        Assert.Contains("409", Operation("POST", "/api/v1/containers").Responses!.Keys);
        Assert.Contains("400", Operation("GET", "/api/v1/events").Responses!.Keys);
    }

    [Fact]
    public void The_token_is_required_by_the_document_except_where_the_node_needs_none()
    {
        Assert.Equal(SecuritySchemeType.Http, _document.Components!.SecuritySchemes!["bearer"].Type);
        Assert.NotEmpty(_document.Security!);
        Assert.Empty(Operation("GET", "/healthz").Security!);
        Assert.Empty(Operation("GET", "/").Security!);
        Assert.Null(Operation("GET", "/api/v1/node").Security); // the document's requirement holds
    }

    [Fact]
    public async Task The_document_needs_the_token_as_the_API_does()
    {
        var response = await _node.CreateAnonymousClient().GetAsync(DocumentPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private OpenApiOperation Operation(string method, string path)
    {
        var item = _document.Paths.Single(p => Normalize(p.Key) == path).Value;
        return item.Operations![new HttpMethod(method)];
    }

    private static string Normalize(string path) => path.Length > 1 ? "/" + path.Trim('/') : path;
}
