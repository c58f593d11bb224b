using ActorSupervisor.Cli.App;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>What <c>apply</c> does once parsed.</summary>
internal interface IApplyHandler
{
    Task<int> ApplyAsync(GlobalSettings settings, ApplyRequest request, CancellationToken cancellationToken);
}
