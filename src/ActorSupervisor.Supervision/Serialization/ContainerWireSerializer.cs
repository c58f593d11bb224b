using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Actors;
using Akka.Actor;
using Akka.Serialization;

namespace ActorSupervisor.Supervision.Serialization;

/// <summary>
/// The messages between a node and a container entity on another node, as JSON under our own manifests: the envelope
/// the shard region routes (an operator's request, a runtime notice, wake, drain) and the answers (reply, woken,
/// drained). Akka's default (Newtonsoft with CLR type names) cannot rebuild our immutable collections, so these must
/// never fall back to it. Only the commands that can cross nodes have manifests; timers and probe results stay local.
/// </summary>
internal sealed class ContainerWireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer id: fixed, next to <see cref="ContainerSerializer.SerializerId"/>.</summary>
    public const int SerializerId = 4712;

    private const string EnvelopeManifest = "envelope";
    private const string ReplyManifest = "reply";
    private const string WokenManifest = "woken";
    private const string DrainedManifest = "drained";

    private static readonly (Type Type, string Manifest, JsonTypeInfo Info)[] Commands =
    [
        (typeof(ContainerCommand.Create), "create", ContainerWireJsonContext.Default.Create),
        (typeof(ContainerCommand.Start), "start", ContainerWireJsonContext.Default.Start),
        (typeof(ContainerCommand.Stop), "stop", ContainerWireJsonContext.Default.Stop),
        (typeof(ContainerCommand.Restart), "restart", ContainerWireJsonContext.Default.Restart),
        (typeof(ContainerCommand.Kill), "kill", ContainerWireJsonContext.Default.Kill),
        (typeof(ContainerCommand.Pause), "pause", ContainerWireJsonContext.Default.Pause),
        (typeof(ContainerCommand.Unpause), "unpause", ContainerWireJsonContext.Default.Unpause),
        (typeof(ContainerCommand.Remove), "remove", ContainerWireJsonContext.Default.Remove),
        (typeof(ContainerCommand.Update), "update", ContainerWireJsonContext.Default.Update),
        (typeof(ContainerCommand.RuntimeStarted), "runtime-started", ContainerWireJsonContext.Default.RuntimeStarted),
        (typeof(ContainerCommand.RuntimeStartFailed), "runtime-start-failed", ContainerWireJsonContext.Default.RuntimeStartFailed),
        (typeof(ContainerCommand.RuntimeStopEscalated), "runtime-stop-escalated", ContainerWireJsonContext.Default.RuntimeStopEscalated),
        (typeof(ContainerCommand.ShutdownStop), "shutdown-stop", ContainerWireJsonContext.Default.ShutdownStop),
        (typeof(ContainerCommand.RuntimeExited), "runtime-exited", ContainerWireJsonContext.Default.RuntimeExited),
        (typeof(ContainerCommand.RuntimeOomKilled), "runtime-oom-killed", ContainerWireJsonContext.Default.RuntimeOomKilled),
        (typeof(ContainerCommand.RuntimePaused), "runtime-paused", ContainerWireJsonContext.Default.RuntimePaused),
        (typeof(ContainerCommand.RuntimeResumed), "runtime-resumed", ContainerWireJsonContext.Default.RuntimeResumed),
    ];

    private static readonly FrozenDictionary<Type, (string Manifest, JsonTypeInfo Info)> CommandByType =
        Commands.ToFrozenDictionary(c => c.Type, c => (c.Manifest, c.Info));

    private static readonly FrozenDictionary<string, JsonTypeInfo> CommandByManifest =
        Commands.ToFrozenDictionary(c => c.Manifest, c => c.Info, StringComparer.Ordinal);

    /// <summary>The envelope on the wire: which container, what kind of message, and the command when there is one.</summary>
    internal sealed record EnvelopeDto(string Id, string Kind, string? Command = null, JsonElement? Payload = null, string? WorkloadId = null, bool StopWorkload = false);

    /// <summary>Woken and Drained on the wire.</summary>
    internal sealed record ReplyDto(string Id, bool Exists = false);

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        ContainerEnvelope => EnvelopeManifest,
        ContainerReply => ReplyManifest,
        Woken => WokenManifest,
        Drained => DrainedManifest,
        _ => throw new ArgumentException($"the wire serializer does not carry {o.GetType().Name}", nameof(o)),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        ContainerEnvelope envelope => JsonSerializer.SerializeToUtf8Bytes(ToDto(envelope), ContainerWireJsonContext.Default.EnvelopeDto),
        ContainerReply reply => JsonSerializer.SerializeToUtf8Bytes(reply.State, ContainerJsonContext.Default.ContainerState),
        Woken woken => JsonSerializer.SerializeToUtf8Bytes(new ReplyDto(woken.ContainerId, woken.Exists), ContainerWireJsonContext.Default.ReplyDto),
        Drained drained => JsonSerializer.SerializeToUtf8Bytes(new ReplyDto(drained.ContainerId), ContainerWireJsonContext.Default.ReplyDto),
        _ => throw new ArgumentException($"the wire serializer does not carry {obj.GetType().Name}", nameof(obj)),
    };

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                EnvelopeManifest => FromDto(Deserialize(bytes, ContainerWireJsonContext.Default.EnvelopeDto)),
                ReplyManifest => new ContainerReply(Deserialize(bytes, ContainerJsonContext.Default.ContainerState)),
                WokenManifest => Deserialize(bytes, ContainerWireJsonContext.Default.ReplyDto) is var w ? new Woken(w.Id, w.Exists) : null!,
                DrainedManifest => new Drained(Deserialize(bytes, ContainerWireJsonContext.Default.ReplyDto).Id),
                _ => throw new SerializationException($"unknown manifest '{manifest}' for the container wire serializer ({SerializerId})"),
            };
        }
        catch (JsonException e)
        {
            throw new SerializationException($"the payload does not match manifest '{manifest}': {e.Message}", e);
        }
    }

    private static EnvelopeDto ToDto(ContainerEnvelope envelope) => envelope.Message switch
    {
        ContainerRequest request => Command(envelope.ContainerId, "request", request.Command, null),
        RuntimeNotice notice => Command(envelope.ContainerId, "notice", notice.Command, notice.WorkloadId),
        Wake => new EnvelopeDto(envelope.ContainerId, "wake"),
        Drain drain => new EnvelopeDto(envelope.ContainerId, "drain", StopWorkload: drain.StopWorkload),
        var other => throw new ArgumentException($"the wire serializer does not carry {other.GetType().Name} to another node", nameof(envelope)),
    };

    private static EnvelopeDto Command(string id, string kind, ContainerCommand command, string? workloadId)
    {
        if (!CommandByType.TryGetValue(command.GetType(), out var entry))
            throw new ArgumentException($"the command {command.GetType().Name} does not cross nodes", nameof(command));
        return new EnvelopeDto(id, kind, entry.Manifest, JsonSerializer.SerializeToElement(command, entry.Info), workloadId);
    }

    private static ContainerEnvelope FromDto(EnvelopeDto dto) => new(dto.Id, dto.Kind switch
    {
        "request" => new ContainerRequest(ReadCommand(dto)),
        "notice" => new RuntimeNotice(dto.WorkloadId ?? "", ReadCommand(dto)),
        "wake" => Wake.Instance,
        "drain" => new Drain(dto.StopWorkload),
        _ => throw new SerializationException($"unknown envelope kind '{dto.Kind}'"),
    });

    private static ContainerCommand ReadCommand(EnvelopeDto dto) =>
        dto.Command is { } manifest && CommandByManifest.TryGetValue(manifest, out var info) && dto.Payload is { } payload
            ? (ContainerCommand)(payload.Deserialize(info) ?? throw new SerializationException($"command '{manifest}' is JSON null"))
            : throw new SerializationException($"unknown or missing command '{dto.Command}' in an envelope");

    private static T Deserialize<T>(byte[] bytes, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(bytes, info) ?? throw new SerializationException($"{typeof(T).Name} is JSON null");
}
