using ActorSupervisor.Containers.Domain.Groups;

namespace ActorSupervisor.Node.Configuration;

/// <summary>A group listed under <c>actor-supervisor.groups</c>: created on start when absent.</summary>
/// <param name="Definition">The parsed definition (members by name or id, in start order).</param>
/// <param name="Path">The HOCON path of the declaration, e.g. <c>actor-supervisor.groups.stack</c>, for errors found when it is created.</param>
/// <param name="Origin">Where it was declared, e.g. <c>node.conf:12:3</c>.</param>
public sealed record DeclaredGroup(GroupDefinition Definition, string Path, string Origin);
