using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Node.Configuration;
using Microsoft.Extensions.Options;

namespace ActorSupervisor.Node.Hosting;

/// <summary>
/// Holds the node's <see cref="ContainerHost"/> once start-up has created it. The API resolves
/// <see cref="IContainerService"/> through it; the availability gate keeps requests out until then.
/// </summary>
public sealed class NodeSupervision
{
    private ContainerHost? _host;

    /// <summary>The running host.</summary>
    /// <exception cref="ContainerUnavailableException">Start-up has not created it yet.</exception>
    public ContainerHost Host => _host ?? throw new ContainerUnavailableException("*", "the node is still starting");

    /// <summary>Whether start-up has created the host.</summary>
    public bool HasHost => _host is not null;

    /// <summary>Records the host start-up created.</summary>
    public void Started(ContainerHost host) => _host = host;
}

/// <summary>Registers the node's supervision services.</summary>
public static class NodeSupervisionServices
{
    /// <summary>The runtimes, the host holder, <see cref="IContainerService"/> and the start-up/shutdown service.</summary>
    public static IServiceCollection AddNodeSupervision(this IServiceCollection services)
    {
        services.AddSingleton(sp => NodeRuntimes.Create(sp.GetRequiredService<IOptions<NodeOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<NodeSupervision>();
        services.AddSingleton<IContainerService>(sp => sp.GetRequiredService<NodeSupervision>().Host);
        services.AddSingleton<IGroupService>(sp => sp.GetRequiredService<NodeSupervision>().Host);
        services.AddSingleton<IWorkloadAccess>(sp => sp.GetRequiredService<NodeSupervision>().Host);
        services.AddHostedService<NodeLifecycle>();
        return services;
    }
}
