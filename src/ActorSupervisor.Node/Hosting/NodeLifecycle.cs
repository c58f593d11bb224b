using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Persistence;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Node.Hosting.Import;
using ActorSupervisor.Node.Metrics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ActorSupervisor.Node.Hosting;

/// <summary>
/// Starts the node behind a serving API (so <c>/healthz</c> answers during recovery): opens the journal,
/// recovers every container (adopting running workloads), creates the declared ones that are absent, then
/// marks the node ready. On SIGTERM or Ctrl-C it refuses new commands, drains the container actors (leaving
/// workloads running unless configured otherwise) and closes the journal.
/// </summary>
internal sealed class NodeLifecycle(
    IOptions<NodeOptions> options,
    NodeReadiness readiness,
    NodeJournal journal,
    NodeSupervision supervision,
    NodeRuntimes runtimes,
    TimeProvider time,
    ILoggerFactory loggers,
    IHostApplicationLifetime lifetime,
    IServer server,
    ServiceManagerNotifications serviceManager,
    NodeMetrics metrics) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<NodeLifecycle>();
    private ContainerHost? _host;
    private StoreFileWatch? _storeWatch;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var node = options.Value;
        // Refuse commands from the moment SIGTERM arrives, while the server still drains requests in flight.
        lifetime.ApplicationStopping.Register(readiness.MarkStopping);
        lifetime.ApplicationStopping.Register(serviceManager.Stopping);
        serviceManager.Recovering();
        try
        {
            var (store, kind, location) = Store(node);
            await ImportLegacyJournalAsync(node, store, stoppingToken);
            var remoting = loggers.CreateLogger("ActorSupervisor.Node.Remoting");
            _host = new ContainerHost(HostOptions(node, refused => remoting.LogWarning("Remoting: {Refusal}", refused)), store, runtimes.All.Values, time, loggers);
            metrics.Observe(_host);
            await _host.StartAsync(stoppingToken);
            journal.Opened(_host.Events, kind, location);
            supervision.Started(_host);
            // The door for other actor systems (docs/interop.md): the same operations as the API, over remoting.
            Interop.ContainerGateways.Start(_host, node, journal, loggers);
            _ = ExitWhenMembershipEndsAsync(_host);
            if (kind == "sqlite" && node.Store.ConnectionString.Length == 0)
            {
                _storeWatch = StoreFileWatch.Start(location, loggers.CreateLogger<StoreFileWatch>(), time);
                if (_storeWatch is { } watch) readiness.WatchStore(() => watch.Problem);
            }
            await DeclaredContainers.ApplyAsync(_host, node.Containers, _logger, stoppingToken);
            await DeclaredGroups.ApplyAsync(_host, node.Groups, _logger, stoppingToken);
            readiness.MarkReady(() => _host.Metrics.JournalProblem);
            serviceManager.Ready(_host.ContainerCount);
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            _logger.LogInformation("Node {NodeId} ready: {Containers} containers, journal {Store}; API on {Addresses}", node.NodeId,
                _host.ContainerCount, journal.Description.Location, string.Join(", ", addresses));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shut down during start-up: StopAsync cleans up.
        }
        catch (NodeConfigurationException e)
        {
            // A declared group the node cannot create (a member that does not exist): the configuration's fault, as at reading.
            _logger.LogCritical("Node {NodeId} failed to start: configuration error: {Reason}", node.NodeId, e.Message);
            await Console.Error.WriteLineAsync($"asv node: configuration error: {e.Message}");
            readiness.MarkFailed("configuration error: " + e.Message);
            serviceManager.Failed(e.Message);
            Environment.ExitCode = 2;
            lifetime.StopApplication();
        }
        catch (Exception e)
        {
            _logger.LogCritical(e, "Node {NodeId} failed to start: {Reason}", node.NodeId, e.Message);
            readiness.MarkFailed("start-up failed: " + e.Message);
            serviceManager.Failed(e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        readiness.MarkStopping();
        await base.StopAsync(cancellationToken);
        if (_host is not null)
        {
            await _host.StopAsync(cancellationToken);
            await _host.DisposeAsync();
        }
        if (_storeWatch is not null) await _storeWatch.DisposeAsync();
        await runtimes.DisposeAsync();
        _logger.LogInformation("Node {NodeId} stopped; workloads {Fate}", options.Value.NodeId,
            options.Value.Shutdown.StopWorkloads ? "stopped" : "left running for the next start to adopt");
    }

    // Before the host starts: the container actors must recover from the imported events.
    private async Task ImportLegacyJournalAsync(NodeOptions node, StoreSettings store, CancellationToken cancellationToken)
    {
        var defaultFile = node.Store.Kind != "postgres" && node.Store.ConnectionString.Length == 0;
        var import = new LegacyJournalImport(store, loggers.CreateLogger<LegacyJournalImport>());
        LastImport = await import.RunAsync(node.DataDirectory, defaultFile, cancellationToken);
    }

    /// <summary>What the import of the previous release's journal did at this start, or null when there was none.</summary>
    internal LegacyImportResult? LastImport { get; private set; }

    private static (StoreSettings Store, string Kind, string Location) Store(NodeOptions node)
    {
        Directory.CreateDirectory(node.DataDirectory);
        if (node.Store.Kind == "postgres")
            return (StoreSettings.ForPostgreSql(node.Store.ConnectionString), node.Store.Kind, "PostgreSQL");
        var path = Path.Combine(node.DataDirectory, Security.NodeDataDirectory.SqliteStoreFile);
        var store = node.Store.ConnectionString.Length > 0
            ? new StoreSettings(StoreKind.Sqlite, node.Store.ConnectionString, node.Store.SqliteSynchronous)
            : StoreSettings.ForSqliteFile(path, node.Store.SqliteSynchronous);
        return (store, node.Store.Kind, node.Store.ConnectionString.Length > 0 ? node.Store.ConnectionString : path);
    }

    /// <summary>The API's address as the other members can use it: a wildcard bind is reached on the cluster host; null for a random port.</summary>
    private static string? AdvertisedApiUrl(NodeOptions node)
    {
        if (node.Api.Port == 0) return null;
        var host = node.Api.Host is "0.0.0.0" or "::" ? node.Cluster.Host : node.Api.Host;
        return $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{node.Api.Port}";
    }

    /// <summary>
    /// When Akka ends the actor system on its own (this member left the cluster or was downed), the node has nothing
    /// left to supervise: it stops the process, with exit code 0 after a graceful leave and 1 after being downed (so a
    /// service manager restarts it, and it joins again through its seeds).
    /// </summary>
    private async Task ExitWhenMembershipEndsAsync(ContainerHost host)
    {
        await host.Terminated;
        if (lifetime.ApplicationStopping.IsCancellationRequested) return;
        var reason = host.ShutdownReason;
        var left = reason is Akka.Actor.CoordinatedShutdown.ClusterLeavingReason;
        _logger.LogWarning("Node {NodeId} is no longer a cluster member ({Reason}); stopping the node", options.Value.NodeId,
            left ? "it left the cluster" : $"it was removed: {reason?.GetType().Name ?? "actor system terminated"}");
        if (!left) Environment.ExitCode = 1;
        readiness.MarkStopping();
        lifetime.StopApplication();
    }

    private static ContainerHostOptions HostOptions(NodeOptions node, Action<string> refused) => new()
    {
        NodeId = node.NodeId,
        ShardCount = node.ShardCount,
        StopWorkloadsOnShutdown = node.Shutdown.StopWorkloads,
        DefaultBackoff = node.DefaultBackoff,
        ShutdownTimeout = node.Shutdown.Timeout,
        ClusterHost = node.Cluster.Host,
        ClusterPort = node.Cluster.Port,
        Seeds = node.Cluster.Seeds,
        Roles = node.Cluster.Roles,
        ApiUrl = AdvertisedApiUrl(node),
        Akka = node.Akka,
        FenceDirectory = node.DataDirectory,
        RemotingTls = node.Cluster.Tls is { } tls ? ActorSupervisor.Messages.RemotingTls.FromFiles(tls.Certificate, tls.Password, tls.Trusted, refused) : null,
    };
}
