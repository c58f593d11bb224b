using System.Text.Json.Serialization;
using ActorSupervisor.Containers.Domain.Lifecycle;

namespace ActorSupervisor.Supervision.Serialization;

// Same options as the old SupervisionJsonContext, so journal payloads written before the move to Akka read as they are.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerEvent.Created))]
[JsonSerializable(typeof(ContainerEvent.Started))]
[JsonSerializable(typeof(ContainerEvent.Died))]
[JsonSerializable(typeof(ContainerEvent.OutOfMemory))]
[JsonSerializable(typeof(ContainerEvent.Killed))]
[JsonSerializable(typeof(ContainerEvent.Stopped))]
[JsonSerializable(typeof(ContainerEvent.Paused))]
[JsonSerializable(typeof(ContainerEvent.Unpaused))]
[JsonSerializable(typeof(ContainerEvent.Restarting))]
[JsonSerializable(typeof(ContainerEvent.HealthProbed))]
[JsonSerializable(typeof(ContainerEvent.HealthStatusChanged))]
[JsonSerializable(typeof(ContainerEvent.ReadinessProbed))]
[JsonSerializable(typeof(ContainerEvent.ReadinessStatusChanged))]
[JsonSerializable(typeof(ContainerEvent.Updated))]
[JsonSerializable(typeof(ContainerEvent.Destroyed))]
[JsonSerializable(typeof(ContainerEvent.GaveUp))]
[JsonSerializable(typeof(ContainerEvent.GroupChanged))]
[JsonSerializable(typeof(ContainerState))]
[JsonSerializable(typeof(Actors.NameClaimed))]
internal sealed partial class ContainerJsonContext : JsonSerializerContext;
