using System.Text.Json.Serialization;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Supervision.Actors;

namespace ActorSupervisor.Containers.Supervision.Serialization;

/// <summary>Source-generated JSON for everything the supervision layer persists: container events, container snapshots, shard membership.</summary>
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
[JsonSerializable(typeof(ContainerEvent.Updated))]
[JsonSerializable(typeof(ContainerEvent.Destroyed))]
[JsonSerializable(typeof(ContainerEvent.GaveUp))]
[JsonSerializable(typeof(ContainerState))]
[JsonSerializable(typeof(ShardEntityAdded))]
[JsonSerializable(typeof(ShardEntityRemoved))]
[JsonSerializable(typeof(ShardSnapshot))]
internal sealed partial class SupervisionJsonContext : JsonSerializerContext;
