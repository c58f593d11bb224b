using ActorSupervisor.Cli.App;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>What <c>node info</c>, <c>cluster show|join|leave|down</c> and <c>sharding ...</c> do once parsed.</summary>
internal interface INodeHandler
{
    Task<int> ShowAsync(GlobalSettings settings, NodeView view, CancellationToken cancellationToken);

    Task<int> ClusterAsync(GlobalSettings settings, ClusterCommand command, CancellationToken cancellationToken);

    Task<int> ActorsAsync(GlobalSettings settings, bool all, CancellationToken cancellationToken);

    Task<int> LogsAsync(GlobalSettings settings, NodeLogsRequest request, CancellationToken cancellationToken);
}
