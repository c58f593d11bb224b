namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>history</c>: <see cref="Since"/>/<see cref="Until"/> as typed (an RFC 3339 time or a duration ago).</summary>
internal sealed record HistoryRequest(string Container, int? Limit, string? Since = null, string? Until = null);
