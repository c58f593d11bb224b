namespace ActorSupervisor.Client;

/// <summary>Which log lines to read.</summary>
/// <param name="Tail">The last N lines, or null for all.</param>
/// <param name="Since">An RFC 3339 time or a duration ago (<c>10m</c>), or null.</param>
public sealed record LogQuery(int? Tail = null, string? Since = null);
