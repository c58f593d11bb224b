using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Commands;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>What <c>asv group</c> does.</summary>
internal interface IGroupHandler
{
    Task<int> CreateAsync(GlobalSettings settings, GroupCreate create, CancellationToken cancellationToken);

    Task<int> ListAsync(GlobalSettings settings, CancellationToken cancellationToken);

    /// <summary><c>inspect</c>, <c>start</c>, <c>stop</c> or <c>rm</c> of one group.</summary>
    Task<int> VerbAsync(GlobalSettings settings, string verb, string name, CancellationToken cancellationToken);
}
