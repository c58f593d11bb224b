using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Lifecycle;

/// <summary>Who started a workload: the <c>trigger</c> attribute of the <c>start</c> event.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StartTrigger>))]
public enum StartTrigger
{
    /// <summary>An operator's start, run or restart.</summary>
    Operator,
    /// <summary>The restart policy, after an exit.</summary>
    Policy,
    /// <summary>The node, at its own start (Docker's restore rule).</summary>
    Recovery,
}
