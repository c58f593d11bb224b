using System.Text.Json.Serialization;

namespace ActorSupervisor.Messages;

/// <summary>The contract's JSON shapes, source-generated (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateContainer))]
[JsonSerializable(typeof(StartContainer))]
[JsonSerializable(typeof(StopContainer))]
[JsonSerializable(typeof(RestartContainer))]
[JsonSerializable(typeof(KillContainer))]
[JsonSerializable(typeof(PauseContainer))]
[JsonSerializable(typeof(UnpauseContainer))]
[JsonSerializable(typeof(RemoveContainer))]
[JsonSerializable(typeof(GetContainer))]
[JsonSerializable(typeof(ListContainers))]
[JsonSerializable(typeof(SupervisorMessageSerializer.SubscriberDto))]
[JsonSerializable(typeof(ContainerResult))]
[JsonSerializable(typeof(ContainerRemoved))]
[JsonSerializable(typeof(ContainerList))]
[JsonSerializable(typeof(EventsSubscription))]
[JsonSerializable(typeof(CommandFailed))]
[JsonSerializable(typeof(ContainerEventNotice))]
[JsonSerializable(typeof(CreateGroup))]
[JsonSerializable(typeof(GetGroup))]
[JsonSerializable(typeof(StartGroup))]
[JsonSerializable(typeof(StopGroup))]
[JsonSerializable(typeof(RemoveGroup))]
[JsonSerializable(typeof(GroupResult))]
[JsonSerializable(typeof(GroupRemoved))]
internal sealed partial class MessagesJsonContext : JsonSerializerContext;
