using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Lifecycle;

/// <summary>Why a workload was signalled, which decides what its exit leads to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StopPurpose>))]
public enum StopPurpose
{
    /// <summary>No stop is under way.</summary>
    None,
    /// <summary>An operator's stop: exit leads to a <c>stop</c> event and no restart.</summary>
    Stop,
    /// <summary>An operator's kill: no <c>stop</c> event; a restart only if the signal did not cancel it.</summary>
    Kill,
    /// <summary>An operator's restart: exit leads to an immediate start.</summary>
    Restart,
    /// <summary>A forced removal: exit leads to <c>destroy</c>.</summary>
    Remove,
    /// <summary>Restart on unhealthy: exit goes through the restart policy.</summary>
    Unhealthy,
    /// <summary>The node's shutdown stops it: exit leads to a <c>stop</c> event, not a manual stop, and no restart until the node starts.</summary>
    Shutdown,
    /// <summary>
    /// A group's orderly restart (one_for_all, rest_for_one) stops it: exit leads to a <c>stop</c> event, not a manual
    /// stop and no restart; the group starts it again in its order.
    /// </summary>
    Group,
}
