using System.Net;
using ActorSupervisor.Node.Api;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Api.OpenApi;
using ActorSupervisor.Node.Api.Security;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Node.Dashboard;
using ActorSupervisor.Node.Hosting;
using ActorSupervisor.Node.Logging;
using ActorSupervisor.Node.Metrics;
using ActorSupervisor.Node.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Options;

namespace ActorSupervisor.Node;

/// <summary>
/// Builds the node: configuration layers, services, the middleware (errors, token, availability) and the
/// API's routes. <c>Program</c> runs what this builds; in-process tests build it through WebApplicationFactory.
/// </summary>
public static class NodeApplication
{
    /// <summary>The node for <paramref name="args"/>.</summary>
    /// <exception cref="NodeConfigurationException">The configuration is unusable; the message locates the bad setting.</exception>
    public static WebApplication Build(string[] args)
    {
        var configFile = NodeConfiguration.ConfigFile(args);
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddNodeLayers(configFile);
        // Request logs are noise for an operator; the node's own events are logged by its services.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Under systemd the journal stamps each line itself and reads <N> prefixes as priorities.
        if (SystemdHelpers.IsSystemdService()) builder.Logging.AddSystemdConsole();
        // pbm's log peek: the recent lines in memory for GET /api/v1/node/logs; Akka's lines come through the same factory.
        var logRing = new NodeLogRing();
        builder.Services.AddSingleton(logRing);
        builder.Logging.AddProvider(new NodeLogRingProvider(logRing, TimeProvider.System));
        AddServices(builder.Services, configFile);
        var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<NodeOptions>>().Value;
        // Before anything opens the data directory or the API serves (issue 14): private data, the API's token.
        var access = NodeSecurity.Prepare(options, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ActorSupervisor.Node.Security"));
        // Before the runtimes start: a second live node on this machine's cgroup parent is refused (exit 2), not let in to kill the first one's workloads.
        var parentLock = CgroupParentLock.Acquire(options.Process.CgroupParent, CgroupParentLock.DefaultDirectory);
        app.Lifetime.ApplicationStopped.Register(parentLock.Dispose);
        UsePipeline(app, access);
        return app;
    }

    private static void AddServices(IServiceCollection services, string? configFile)
    {
        services.AddSingleton(sp => Options.Create(
            NodeConfiguration.ReadOptions((IConfigurationRoot)sp.GetRequiredService<IConfiguration>(), configFile)));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<NodeOptions>>((kestrel, node) => Listen(kestrel, node.Value.Api));
        services.AddOptions<HostOptions>().Configure<IOptions<NodeOptions>>((host, node) => host.ShutdownTimeout = node.Value.Shutdown.Timeout);
        services.ConfigureHttpJsonOptions(NodeJsonOptions.Configure);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddNodeOpenApi();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<NodeReadiness>();
        // Not AddSystemd(): its lifetime says READY=1 when the API starts, before recovery; the node says it after.
        services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
        services.AddSingleton<ServiceManagerNotifications>();
        services.AddSingleton<NodeJournal>();
        services.AddSingleton<NodeMetrics>();
        services.AddNodeSupervision();
    }

    private static void UsePipeline(WebApplication app, ApiAccess access)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeBodies.WriteAsync);
        app.Use(next => BearerTokenMiddleware.For(next, access).InvokeAsync);
        app.UseMiddleware<AvailabilityGate>();
        app.UseWebSockets();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoints();
        app.MapNodeEndpoints();
        app.MapNodeLogEndpoints();
        app.MapClusterEndpoints();
        app.MapContainerEndpoints();
        app.MapGroupEndpoints();
        app.MapContainerLogEndpoints();
        app.MapContainerExecEndpoints();
        app.MapStatsEndpoints();
        app.MapEventEndpoints();
        app.MapOpenApi();
        app.MapDashboard();
    }

    private static void Listen(KestrelServerOptions kestrel, ApiOptions api)
    {
        kestrel.Limits.MaxRequestBodySize = api.MaxBodyBytes;
        if (api.Host == "localhost")
            kestrel.ListenLocalhost(api.Port, RequestLineGuard.Use);
        else
            kestrel.Listen(IPAddress.Parse(api.Host), api.Port, RequestLineGuard.Use);
    }
}
