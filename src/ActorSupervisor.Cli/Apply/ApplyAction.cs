namespace ActorSupervisor.Cli.Apply;

/// <summary>One step of an apply plan.</summary>
/// <param name="Action">One of <see cref="ApplyActionKinds"/>.</param>
/// <param name="Name">The container.</param>
/// <param name="Changes">For update and recreate: what differs among the settings the node echoes.</param>
/// <param name="Reason">For a recreate the echoed settings do not explain: why it is needed.</param>
internal sealed record ApplyAction(string Action, string Name, IReadOnlyList<SpecChange> Changes, string? Reason = null);
