namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>history</c>.</summary>
internal sealed record HistoryRequest(string Container, int? Limit);
