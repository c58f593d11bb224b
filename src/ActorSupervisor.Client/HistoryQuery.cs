namespace ActorSupervisor.Client;

/// <summary>Which of a container's recorded events to read.</summary>
/// <param name="Limit">Only the last N (of those in the window), or null for all.</param>
/// <param name="Since">Only events at or after an RFC 3339 time or a duration ago (<c>10m</c>), or null.</param>
/// <param name="Until">Only events at or before an RFC 3339 time or a duration ago, or null.</param>
public sealed record HistoryQuery(int? Limit = null, string? Since = null, string? Until = null);
