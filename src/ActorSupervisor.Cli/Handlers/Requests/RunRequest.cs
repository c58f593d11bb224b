using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>run</c> / <c>create</c>: a container from flags, or the containers of a spec file.</summary>
internal sealed record RunRequest(RawContainerSpec? Spec, string? File, bool Start);
