namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>logs</c>.</summary>
internal sealed record LogsRequest(string Container, bool Follow, int? Tail, string? Since, bool Timestamps);
