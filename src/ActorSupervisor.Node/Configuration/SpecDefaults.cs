using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Parsing;

namespace ActorSupervisor.Node.Configuration;

/// <summary>Fills what a user's spec leaves out with the node's defaults (runtime, restart policy).</summary>
internal static class SpecDefaults
{
    /// <summary>The raw spec with the node's default runtime when it names none.</summary>
    public static RawContainerSpec WithRuntime(RawContainerSpec raw, NodeOptions options) =>
        raw.Runtime is null ? raw with { Runtime = options.DefaultRuntime.ToString().ToLowerInvariant() } : raw;

    /// <summary>
    /// <paramref name="spec"/> (parsed from <paramref name="raw"/>) with the node's restart policy where the user gave
    /// none; the node's default backoff is applied by the container host.
    /// </summary>
    public static ContainerSpec Apply(RawContainerSpec raw, ContainerSpec spec, NodeOptions options) =>
        raw.Restart is null ? spec with { Restart = options.DefaultRestart } : spec;
}
