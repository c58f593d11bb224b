namespace ActorSupervisor.Messages;

/// <summary>A reply of the gateway.</summary>
public interface ISupervisorReply : ISupervisorMessage;

/// <summary>A container as the HTTP API shows it (<c>GET /api/v1/containers/NAME</c>), without its spec.</summary>
/// <param name="Id">The 64-character id.</param>
/// <param name="Name">The name.</param>
/// <param name="Node">The node that hosts it.</param>
/// <param name="State">created, running, paused, restarting, exited, dead or removing (the API's states).</param>
/// <param name="RestartCount">Automatic restarts since its last manual start.</param>
/// <param name="ExitCode">The last exit code, once it exited.</param>
/// <param name="Error">Why the last start failed, if it did.</param>
/// <param name="Pid">The workload's pid while it runs.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="StartedAt">When it last started.</param>
/// <param name="FinishedAt">When it last ended.</param>
public sealed record ContainerView(string Id, string Name, string Node, string State, int RestartCount = 0, int? ExitCode = null,
    string? Error = null, int? Pid = null, DateTimeOffset? CreatedAt = null, DateTimeOffset? StartedAt = null, DateTimeOffset? FinishedAt = null);

/// <summary>The container after a command (create, start, stop, restart, kill, pause, unpause) or as it is (get).</summary>
public sealed record ContainerResult(ContainerView Container) : ISupervisorReply;

/// <summary>The container was removed.</summary>
public sealed record ContainerRemoved(string Id) : ISupervisorReply;

/// <summary>The containers <see cref="ListContainers"/> asked for, newest first.</summary>
public sealed record ContainerList(IReadOnlyList<ContainerView> Containers) : ISupervisorReply;

/// <summary>A subscription's state after <see cref="SubscribeEvents"/> (true) or <see cref="UnsubscribeEvents"/> (false).</summary>
public sealed record EventsSubscription(bool Subscribed) : ISupervisorReply;

/// <summary>The command was refused or failed; nothing changed unless the code says the outcome is unknown (<c>unavailable</c>).</summary>
/// <param name="Code">One of <see cref="ErrorCodes"/>: the code the HTTP API answers for the same request.</param>
/// <param name="Message">For people: what went wrong and what to change.</param>
public sealed record CommandFailed(string Code, string Message) : ISupervisorReply;
