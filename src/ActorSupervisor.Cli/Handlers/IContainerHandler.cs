using ActorSupervisor.Cli.App;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>What the container commands do once parsed; each returns the exit code.</summary>
internal interface IContainerHandler
{
    Task<int> RunAsync(GlobalSettings settings, RunRequest request, CancellationToken cancellationToken);

    Task<int> PsAsync(GlobalSettings settings, PsRequest request, CancellationToken cancellationToken);

    Task<int> InspectAsync(GlobalSettings settings, InspectRequest request, CancellationToken cancellationToken);

    Task<int> LogsAsync(GlobalSettings settings, LogsRequest request, CancellationToken cancellationToken);

    Task<int> HistoryAsync(GlobalSettings settings, HistoryRequest request, CancellationToken cancellationToken);

    Task<int> LifecycleAsync(GlobalSettings settings, LifecycleRequest request, CancellationToken cancellationToken);
}
