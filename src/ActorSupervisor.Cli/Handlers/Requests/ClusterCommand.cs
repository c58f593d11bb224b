namespace ActorSupervisor.Cli.Handlers;

/// <summary>A membership command: <c>cluster join ADDRESS</c>, <c>cluster leave [NODE]</c>, <c>cluster down NODE</c>.</summary>
/// <param name="Verb"><c>join</c>, <c>leave</c> or <c>down</c>.</param>
/// <param name="Target">The address to join, or the member (node id or cluster address); null for "the node asv talks to" (leave only).</param>
internal sealed record ClusterCommand(string Verb, string? Target);
