namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>node logs [-f] [--level L] [--tail N]</c>.</summary>
internal sealed record NodeLogsRequest(bool Follow, string? Level, int? Tail);
