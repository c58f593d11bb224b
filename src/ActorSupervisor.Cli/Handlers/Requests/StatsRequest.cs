namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>asv stats [--no-stream] [CONTAINER...]</c>.</summary>
internal sealed record StatsRequest(IReadOnlyList<string> Containers, bool NoStream);
