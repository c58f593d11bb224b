using System.Net.Http.Json;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes.Fake;
using ActorSupervisor.Hocon;
using ActorSupervisor.Node.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSupervisor.Node.Tests.Support;

/// <summary>
/// An in-process node: the real host, API, ContainerHost and SQLite journal (in a temporary directory), with
/// the fake runtime as the default and virtual time.
/// </summary>
public sealed class NodeFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly bool _ownsData;

    private readonly string? _hoconFile;

    /// <summary>
    /// A node with extra <paramref name="settings"/> (configuration keys with ':' separators), on a new temporary data
    /// directory or on <paramref name="dataDirectory"/> (a node restarted on another's data; the caller deletes it),
    /// and with <paramref name="hoconFile"/> as a configuration file, as the node's own file would be (declared
    /// containers are read from HOCON files only).
    /// </summary>
    public NodeFactory(IReadOnlyDictionary<string, string>? settings = null, string? dataDirectory = null, string? hoconFile = null)
    {
        _ownsData = dataDirectory is null;
        _hoconFile = hoconFile;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("asv-node-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["actor-supervisor:node:id"] = "test-node",
            ["actor-supervisor:node:data-dir"] = DataDirectory,
            ["actor-supervisor:node:default-runtime"] = "fake",
            ["actor-supervisor:node:runtimes:docker:enabled"] = "false",
            ["actor-supervisor:node:shard-count"] = "8",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            _settings[key] = value;
    }

    /// <summary>The node's virtual clock.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero));

    /// <summary>The temporary data directory (journal and logs).</summary>
    public string DataDirectory { get; }

    /// <summary>The node's fake runtime, to script workloads.</summary>
    public FakeRuntime Fake => (FakeRuntime)Services.GetRequiredService<NodeRuntimes>().All[RuntimeKind.Fake];

    /// <summary>
    /// The token the node requires: the configured <c>api:token</c>, else the one the node generated into
    /// <c>&lt;data-dir&gt;/api.token</c> (read once the node has started).
    /// </summary>
    public string Token => _settings.TryGetValue("actor-supervisor:node:api:token", out var configured) && !string.IsNullOrEmpty(configured)
        ? configured
        : File.ReadAllText(Path.Combine(DataDirectory, "api.token")).Trim();

    /// <summary>A client that sends no token, for the API's refusals; <see cref="WebApplicationFactory{T}.CreateClient()"/> sends <see cref="Token"/>.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <inheritdoc />
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>A client for the node, once it is ready (recovery finished).</summary>
    public async Task<HttpClient> ReadyClientAsync(string? token = null)
    {
        var client = CreateClient();
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        await Eventually.TrueAsync(async () => (await client.GetAsync("/readyz")).IsSuccessStatusCode, "the node becomes ready");
        return client;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Added when the host is built, after the node's own layers, so these win as an environment variable would.
        builder.ConfigureAppConfiguration((_, configuration) =>
        {
            if (_hoconFile is not null)
                configuration.AddHocon(_hoconFile);
            configuration.AddInMemoryCollection(_settings!);
        });
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsData)
            Directory.Delete(DataDirectory, recursive: true);
    }
}
