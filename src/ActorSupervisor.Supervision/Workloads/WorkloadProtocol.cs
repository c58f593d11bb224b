namespace ActorSupervisor.Supervision.Workloads;

/// <summary>The messages a node sends the workload reader of the node that hosts a container (all carried by <see cref="WorkloadWireSerializer"/>).</summary>
internal interface IWorkloadMessage;

/// <summary>Opens a session reading the container's log lines (the last <paramref name="Tail"/> at or after <paramref name="Since"/>; with <paramref name="Follow"/> the new ones too).</summary>
internal sealed record LogsOpen(string ContainerId, int? Tail, DateTimeOffset? Since, bool Follow) : IWorkloadMessage;

/// <summary>Opens a session running <paramref name="Argv"/> beside the container's workload (<c>docker exec</c>).</summary>
internal sealed record ExecOpen(string ContainerId, IReadOnlyList<string> Argv, bool Stdin, bool Tty) : IWorkloadMessage;

/// <summary>A session is open: pull from the actor at <paramref name="Session"/> (a full path with the owner's address).</summary>
internal sealed record SessionOpened(string Session) : IWorkloadMessage;

/// <summary>Asks a session for what it has (at most a batch); it answers at once when it has something, else within its long-poll.</summary>
internal sealed record SessionPull : IWorkloadMessage
{
    public static readonly SessionPull Instance = new();
}

/// <summary>The requester is done: the session stops (and kills its exec, ends its log read).</summary>
internal sealed record SessionClose : IWorkloadMessage
{
    public static readonly SessionClose Instance = new();
}

/// <summary>
/// What a session had: log lines (<see cref="WorkloadItem.Text"/>) or exec output (<see cref="WorkloadItem.Data"/>);
/// <paramref name="End"/> when nothing more will come, with the exec's <paramref name="ExitCode"/>.
/// </summary>
internal sealed record SessionBatch(IReadOnlyList<WorkloadItem> Items, bool End, int? ExitCode = null) : IWorkloadMessage;

/// <summary>One log line or exec output chunk; <paramref name="Stderr"/> tells the stream.</summary>
internal sealed record WorkloadItem(bool Stderr, DateTimeOffset? At = null, string? Text = null, byte[]? Data = null);

/// <summary>Feeds an exec session's stdin; answered with <see cref="SessionAck"/>, so that input keeps its order.</summary>
internal sealed record ExecInput(byte[] Data) : IWorkloadMessage;

/// <summary>Closes an exec session's stdin (the command reads end-of-file); answered with <see cref="SessionAck"/>.</summary>
internal sealed record ExecCloseInput : IWorkloadMessage
{
    public static readonly ExecCloseInput Instance = new();
}

/// <summary>The session did what it was asked.</summary>
internal sealed record SessionAck : IWorkloadMessage
{
    public static readonly SessionAck Instance = new();
}

/// <summary>Asks a node for one stats reading of every running (or paused) container it hosts.</summary>
internal sealed record StatsRead : IWorkloadMessage
{
    public static readonly StatsRead Instance = new();
}

/// <summary>A node's stats readings, one per container it hosts with a runtime that measures.</summary>
internal sealed record StatsReadings(string Node, IReadOnlyList<StatsReading> Readings) : IWorkloadMessage;

/// <summary>One container's reading (see <see cref="Containers.Runtimes.WorkloadStats"/>); CPU time in ticks of 100 ns.</summary>
internal sealed record StatsReading(string ContainerId, DateTimeOffset At, long CpuTicks, long MemoryBytes, long? MemoryLimitBytes, int Pids,
    long? BlockReadBytes, long? BlockWriteBytes, long? NetReceivedBytes, long? NetSentBytes);

/// <summary>Why the owner refused; <see cref="Kind"/> decides the API's status as for a command.</summary>
internal sealed record WorkloadRefused(WorkloadRefusal Kind, string ContainerId, string Reason, int? ExitCode = null) : IWorkloadMessage;

/// <summary>Why a workload read or exec was refused.</summary>
internal enum WorkloadRefusal
{
    /// <summary>No such container (404).</summary>
    NotFound,

    /// <summary>The container's state forbids it (409).</summary>
    Rejected,

    /// <summary>Not now (503, retry): the container moved, the node is stopping.</summary>
    Unavailable,

    /// <summary>The runtime refused (500; an exec with an exit code is Docker's "cannot run" 126/127).</summary>
    Runtime,
}
