using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Client.Contracts;

/// <summary>
/// Source-generated System.Text.Json metadata for every API body: camelCase names, nulls left out,
/// strict numbers. The node serializes with the same context, so both sides agree on the wire form.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(RawContainerSpec))]
[JsonSerializable(typeof(IReadOnlyList<RawContainerSpec>))]
[JsonSerializable(typeof(ContainerInfo))]
[JsonSerializable(typeof(IReadOnlyList<ContainerInfo>))]
[JsonSerializable(typeof(IReadOnlyList<ContainerSummary>))]
[JsonSerializable(typeof(UpdateRequest))]
[JsonSerializable(typeof(IReadOnlyList<LogLine>))]
[JsonSerializable(typeof(LogLine))]
[JsonSerializable(typeof(IReadOnlyList<ContainerEvent>))]
[JsonSerializable(typeof(ContainerEvent))]
[JsonSerializable(typeof(NodeInfo))]
[JsonSerializable(typeof(ActorTreeView))]
[JsonSerializable(typeof(NodeLogEntry))]
[JsonSerializable(typeof(IReadOnlyList<NodeLogEntry>))]
[JsonSerializable(typeof(ClusterView))]
[JsonSerializable(typeof(ShardsView))]
[JsonSerializable(typeof(ClusterJoinRequest))]
[JsonSerializable(typeof(ClusterMemberRequest))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(ExecEnd))]
[JsonSerializable(typeof(IReadOnlyList<ContainerStats>))]
[JsonSerializable(typeof(GroupCreateRequest))]
[JsonSerializable(typeof(GroupInfo))]
[JsonSerializable(typeof(IReadOnlyList<GroupInfo>))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
