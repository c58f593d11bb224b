using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;

namespace ActorSupervisor.Supervision.Workloads;

/// <summary>
/// The workload messages between nodes (log reads, exec sessions, stats readings) as JSON under our own manifests
/// (<c>logs-open</c>, <c>session-batch</c>...), never Akka's default with CLR type names.
/// </summary>
internal sealed class WorkloadWireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>
    /// The serializer id: fixed. 4711 and 4712 are the node's container serializers, 4713 the public
    /// ActorSupervisor.Messages' (its clients carry it), so this one is 4714.
    /// </summary>
    public const int SerializerId = 4714;

    private static readonly (Type Type, string Manifest, JsonTypeInfo Info)[] Messages =
    [
        (typeof(LogsOpen), "logs-open", WorkloadWireJsonContext.Default.LogsOpen),
        (typeof(ExecOpen), "exec-open", WorkloadWireJsonContext.Default.ExecOpen),
        (typeof(SessionOpened), "session-opened", WorkloadWireJsonContext.Default.SessionOpened),
        (typeof(SessionPull), "session-pull", WorkloadWireJsonContext.Default.SessionPull),
        (typeof(SessionClose), "session-close", WorkloadWireJsonContext.Default.SessionClose),
        (typeof(SessionBatch), "session-batch", WorkloadWireJsonContext.Default.SessionBatch),
        (typeof(ExecInput), "exec-input", WorkloadWireJsonContext.Default.ExecInput),
        (typeof(ExecCloseInput), "exec-close-input", WorkloadWireJsonContext.Default.ExecCloseInput),
        (typeof(SessionAck), "session-ack", WorkloadWireJsonContext.Default.SessionAck),
        (typeof(StatsRead), "stats-read", WorkloadWireJsonContext.Default.StatsRead),
        (typeof(StatsReadings), "stats-readings", WorkloadWireJsonContext.Default.StatsReadings),
        (typeof(WorkloadRefused), "workload-refused", WorkloadWireJsonContext.Default.WorkloadRefused),
    ];

    private static readonly FrozenDictionary<Type, (string Manifest, JsonTypeInfo Info)> ByType = Messages.ToFrozenDictionary(m => m.Type, m => (m.Manifest, m.Info));
    private static readonly FrozenDictionary<string, JsonTypeInfo> ByManifest = Messages.ToFrozenDictionary(m => m.Manifest, m => m.Info, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <inheritdoc />
    public override string Manifest(object o) => Entry(o).Manifest;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, Entry(obj).Info);

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!ByManifest.TryGetValue(manifest, out var info))
            throw new SerializationException($"unknown manifest '{manifest}' for the workload wire serializer ({SerializerId})");
        try
        {
            return JsonSerializer.Deserialize(bytes, info) ?? throw new SerializationException($"'{manifest}' is JSON null");
        }
        catch (JsonException e)
        {
            throw new SerializationException($"the payload does not match manifest '{manifest}': {e.Message}", e);
        }
    }

    private static (string Manifest, JsonTypeInfo Info) Entry(object o) =>
        ByType.TryGetValue(o.GetType(), out var entry) ? entry : throw new ArgumentException($"the workload wire serializer does not carry {o.GetType().Name}", nameof(o));
}
