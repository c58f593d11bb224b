using System.Text.Json.Serialization;
using ActorSupervisor.Containers.Domain.Lifecycle;

namespace ActorSupervisor.Supervision.Serialization;

/// <summary>The commands that cross nodes (an API call answered by an entity on another node, a runtime signal routed to a moved entity).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ContainerCommand.Create))]
[JsonSerializable(typeof(ContainerCommand.Start))]
[JsonSerializable(typeof(ContainerCommand.Stop))]
[JsonSerializable(typeof(ContainerCommand.Restart))]
[JsonSerializable(typeof(ContainerCommand.Kill))]
[JsonSerializable(typeof(ContainerCommand.Pause))]
[JsonSerializable(typeof(ContainerCommand.Unpause))]
[JsonSerializable(typeof(ContainerCommand.Remove))]
[JsonSerializable(typeof(ContainerCommand.Update))]
[JsonSerializable(typeof(ContainerCommand.RuntimeStarted))]
[JsonSerializable(typeof(ContainerCommand.RuntimeStartFailed))]
[JsonSerializable(typeof(ContainerCommand.RuntimeStopEscalated))]
[JsonSerializable(typeof(ContainerCommand.ShutdownStop))]
[JsonSerializable(typeof(ContainerCommand.RuntimeExited))]
[JsonSerializable(typeof(ContainerCommand.RuntimeOomKilled))]
[JsonSerializable(typeof(ContainerCommand.RuntimePaused))]
[JsonSerializable(typeof(ContainerCommand.RuntimeResumed))]
[JsonSerializable(typeof(ContainerCommand.GiveUp))]
[JsonSerializable(typeof(ContainerCommand.JoinGroup))]
[JsonSerializable(typeof(ContainerCommand.GroupStop))]
[JsonSerializable(typeof(ContainerCommand.GroupStart))]
[JsonSerializable(typeof(ContainerWireSerializer.EnvelopeDto))]
[JsonSerializable(typeof(ContainerWireSerializer.ReplyDto))]
[JsonSerializable(typeof(ContainerWireSerializer.StateDto))]
[JsonSerializable(typeof(ContainerWireSerializer.FailureDto))]
[JsonSerializable(typeof(ContainerWireSerializer.ClaimDto))]
[JsonSerializable(typeof(ContainerWireSerializer.NameDto))]
internal sealed partial class ContainerWireJsonContext : JsonSerializerContext;
