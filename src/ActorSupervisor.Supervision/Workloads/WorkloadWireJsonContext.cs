using System.Text.Json.Serialization;

namespace ActorSupervisor.Supervision.Workloads;

/// <summary>The workload messages as JSON (see <see cref="WorkloadWireSerializer"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LogsOpen))]
[JsonSerializable(typeof(ExecOpen))]
[JsonSerializable(typeof(SessionOpened))]
[JsonSerializable(typeof(SessionPull))]
[JsonSerializable(typeof(SessionClose))]
[JsonSerializable(typeof(SessionBatch))]
[JsonSerializable(typeof(ExecInput))]
[JsonSerializable(typeof(ExecCloseInput))]
[JsonSerializable(typeof(SessionAck))]
[JsonSerializable(typeof(StatsRead))]
[JsonSerializable(typeof(StatsReadings))]
[JsonSerializable(typeof(WorkloadRefused))]
internal sealed partial class WorkloadWireJsonContext : JsonSerializerContext;
