using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>run</c> / <c>create</c>: a container from flags, or the containers of a spec file.</summary>
internal sealed record RunRequest(ContainerSpecDto? Spec, string? File, bool Start);

/// <summary><c>ps</c>.</summary>
internal sealed record PsRequest(bool All, IReadOnlyList<string> Filters, bool Quiet);

/// <summary><c>logs</c>.</summary>
internal sealed record LogsRequest(string Container, bool Follow, int? Tail, string? Since, bool Timestamps);

/// <summary><c>history</c>.</summary>
internal sealed record HistoryRequest(string Container, int? Limit);

/// <summary>The verbs that change one or more containers' state.</summary>
internal enum LifecycleVerb
{
    Start,
    Stop,
    Restart,
    Kill,
    Pause,
    Unpause,
    Remove,
    Update,
}

/// <summary><c>start</c>, <c>stop</c>, <c>restart</c>, <c>kill</c>, <c>pause</c>, <c>unpause</c>, <c>rm</c>, <c>update</c> on each named container.</summary>
internal sealed record LifecycleRequest(LifecycleVerb Verb, IReadOnlyList<string> Containers, int? Timeout = null,
    string? Signal = null, bool Force = false, string? Restart = null);

/// <summary><c>events</c>.</summary>
internal sealed record EventsRequest(bool Follow, string? Since, string? Until, IReadOnlyList<string> Filters);

/// <summary><c>apply</c>.</summary>
internal sealed record ApplyRequest(string File, bool Prune, bool DryRun);

/// <summary>The read-only views of the node and the cluster.</summary>
internal enum NodeView
{
    NodeInfo,
    ClusterMembers,
    ShardRegions,
    ShardStats,
}
