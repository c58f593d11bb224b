namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>events</c>.</summary>
internal sealed record EventsRequest(bool Follow, string? Since, string? Until, IReadOnlyList<string> Filters);
