namespace ActorSupervisor.Client.Contracts;

/// <summary>The values of a container's <c>state</c> (Docker's names) and of the <c>status=</c> list filter.</summary>
public static class ContainerStates
{
    /// <summary>Created, never started.</summary>
    public const string Created = "created";

    /// <summary>The workload is running.</summary>
    public const string Running = "running";

    /// <summary>The workload is frozen.</summary>
    public const string Paused = "paused";

    /// <summary>The workload exited and a restart is scheduled (see <c>nextRestartAt</c>).</summary>
    public const string Restarting = "restarting";

    /// <summary>The workload exited and nothing will restart it.</summary>
    public const string Exited = "exited";

    /// <summary>The runtime lost the workload and cannot tell what happened.</summary>
    public const string Dead = "dead";

    /// <summary>Every state, in the order a listing sorts them.</summary>
    public static IReadOnlyList<string> All { get; } = [Created, Running, Paused, Restarting, Exited, Dead];
}
