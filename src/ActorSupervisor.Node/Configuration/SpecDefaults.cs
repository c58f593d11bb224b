using ActorSupervisor.Containers.Domain.Parsing;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Node.Configuration;

/// <summary>
/// Parses a user's spec with the node's defaults where it is silent (runtime, restart policy), the same for
/// the API's create and for declared containers.
/// </summary>
internal static class SpecDefaults
{
    /// <summary>
    /// The spec <paramref name="raw"/> describes, or every error in it. The node's default runtime and restart
    /// policy fill what it leaves out; the node's default backoff is applied by the container host.
    /// </summary>
    public static SpecParseResult Parse(RawContainerSpec raw, NodeOptions options)
    {
        var parsed = ContainerSpecParser.Parse(raw.Runtime is null ? raw with { Runtime = options.DefaultRuntime.ToString().ToLowerInvariant() } : raw);
        return parsed.IsValid && raw.Restart is null ? parsed with { Spec = parsed.Spec! with { Restart = options.DefaultRestart } } : parsed;
    }
}
