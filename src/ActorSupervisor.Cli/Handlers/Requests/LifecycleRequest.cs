using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>start</c>, <c>stop</c>, <c>restart</c>, <c>kill</c>, <c>pause</c>, <c>unpause</c>, <c>rm</c>, <c>update</c> on each named container.</summary>
internal sealed record LifecycleRequest(LifecycleVerb Verb, IReadOnlyList<string> Containers, int? Timeout = null,
    string? Signal = null, bool Force = false, UpdateRequest? Update = null);
