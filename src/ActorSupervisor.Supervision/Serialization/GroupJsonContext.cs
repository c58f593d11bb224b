using System.Text.Json.Serialization;
using ActorSupervisor.Containers.Domain.Groups;

namespace ActorSupervisor.Supervision.Serialization;

// The groups' events and state (journal and wire) and their commands on the wire; the options of ContainerJsonContext.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GroupEvent.Created))]
[JsonSerializable(typeof(GroupEvent.PlanBegun))]
[JsonSerializable(typeof(GroupEvent.MemberRestarted))]
[JsonSerializable(typeof(GroupEvent.PlanCompleted))]
[JsonSerializable(typeof(GroupEvent.GaveUp))]
[JsonSerializable(typeof(GroupEvent.Destroyed))]
[JsonSerializable(typeof(GroupState))]
[JsonSerializable(typeof(GroupCommand))]
[JsonSerializable(typeof(ContainerWireSerializer.GroupEnvelopeDto))]
[JsonSerializable(typeof(ContainerWireSerializer.GroupReplyDto))]
internal sealed partial class GroupJsonContext : JsonSerializerContext;
