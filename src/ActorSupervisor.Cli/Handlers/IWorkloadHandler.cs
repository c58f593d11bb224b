using ActorSupervisor.Cli.App;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>What the commands that reach into running workloads do once parsed (<c>exec</c>, <c>stats</c>); each returns the exit code.</summary>
internal interface IWorkloadHandler
{
    /// <summary>Runs the command in the container; its exit code is asv's.</summary>
    Task<int> ExecAsync(GlobalSettings settings, ExecRequest request, CancellationToken cancellationToken);

    /// <summary>Prints the containers' resource use, once or until interrupted.</summary>
    Task<int> StatsAsync(GlobalSettings settings, StatsRequest request, CancellationToken cancellationToken);
}
