namespace ActorSupervisor.Client.Contracts;

/// <summary>One line the workload wrote.</summary>
/// <param name="Time">When the node read it.</param>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The line without its newline.</param>
public sealed record LogLine(DateTimeOffset Time, string Stream, string Text);
