using ActorSupervisor.Containers.Domain;

namespace ActorSupervisor.Node.Configuration;

/// <summary>A container listed under <c>actor-supervisor.containers</c>: created on start when absent.</summary>
/// <param name="Spec">The parsed spec.</param>
/// <param name="Origin">Where it was declared, e.g. <c>hocon/demo.conf:12</c>, for the <c>create</c> event's explanation.</param>
public sealed record DeclaredContainer(ContainerSpec Spec, string Origin);
