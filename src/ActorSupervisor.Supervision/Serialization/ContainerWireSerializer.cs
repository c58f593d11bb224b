using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Actors;
using Akka.Actor;
using Akka.Serialization;

namespace ActorSupervisor.Supervision.Serialization;

/// <summary>
/// The messages between a node and a container entity on another node, as JSON under our own manifests: the envelope
/// the shard region routes (an operator's request, a runtime notice, wake, drain), the answers (reply, woken, drained,
/// failure), the state changes published to every node's directory, and the name claims with their answers. Akka's default (Newtonsoft with CLR type names) cannot rebuild our immutable collections, so these must
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
    private const string FailureManifest = "failure";
    private const string StateChangedManifest = "state-changed";
    private const string ClaimManifest = "name-claim";
    private const string NameTakenManifest = "name-taken";
    private const string GroupEnvelopeManifest = "group-envelope";
    private const string GroupReplyManifest = "group-reply";
    private const string GroupFailureManifest = "group-failure";

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
        (typeof(ContainerCommand.GiveUp), "give-up", ContainerWireJsonContext.Default.GiveUp),
        (typeof(ContainerCommand.JoinGroup), "join-group", ContainerWireJsonContext.Default.JoinGroup),
        (typeof(ContainerCommand.GroupStop), "group-stop", ContainerWireJsonContext.Default.GroupStop),
        (typeof(ContainerCommand.GroupStart), "group-start", ContainerWireJsonContext.Default.GroupStart),
    ];

    private static readonly FrozenDictionary<Type, (string Manifest, JsonTypeInfo Info)> CommandByType =
        Commands.ToFrozenDictionary(c => c.Type, c => (c.Manifest, c.Info));

    private static readonly FrozenDictionary<string, JsonTypeInfo> CommandByManifest =
        Commands.ToFrozenDictionary(c => c.Manifest, c => c.Info, StringComparer.Ordinal);

    /// <summary>The envelope on the wire: which container, what kind of message, and the command when there is one.</summary>
    internal sealed record EnvelopeDto(string Id, string Kind, string? Command = null, JsonElement? Payload = null, string? WorkloadId = null, bool StopWorkload = false);

    /// <summary>Drained on the wire.</summary>
    internal sealed record ReplyDto(string Id, bool Exists = false);

    /// <summary>A container's state on the wire (a reply, a woken, a published change): the state as it is journaled in snapshots.</summary>
    internal sealed record StateDto(string Id, long SequenceNr, string Node, JsonElement State, bool Exists = false);

    /// <summary>A <see cref="ContainerFailure"/> on the wire.</summary>
    internal sealed record FailureDto(string Id, ContainerFailureKind Kind, string Reason);

    /// <summary>A <see cref="ClaimName"/> on the wire.</summary>
    internal sealed record ClaimDto(string Name, string Id, JsonElement Create);

    /// <summary>A <see cref="NameTaken"/> on the wire.</summary>
    internal sealed record NameDto(string Name, string Id);

    /// <summary>A <see cref="GroupEnvelope"/> on the wire: the group, <c>request</c> (with its command) or <c>inspect</c>.</summary>
    internal sealed record GroupEnvelopeDto(string Group, string Kind, GroupCommand? Command = null);

    /// <summary>A <see cref="GroupReply"/> on the wire.</summary>
    internal sealed record GroupReplyDto(GroupState State, string Node, IReadOnlyList<string> Problems);

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        ContainerEnvelope => EnvelopeManifest,
        ContainerReply => ReplyManifest,
        Woken => WokenManifest,
        Drained => DrainedManifest,
        ContainerFailure => FailureManifest,
        ContainerStateChanged => StateChangedManifest,
        ClaimName => ClaimManifest,
        NameTaken => NameTakenManifest,
        GroupEnvelope => GroupEnvelopeManifest,
        GroupReply => GroupReplyManifest,
        GroupFailure => GroupFailureManifest,
        _ => throw new ArgumentException($"the wire serializer does not carry {o.GetType().Name}", nameof(o)),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        ContainerEnvelope envelope => JsonSerializer.SerializeToUtf8Bytes(ToDto(envelope), ContainerWireJsonContext.Default.EnvelopeDto),
        ContainerReply reply => State(new StateDto("", reply.SequenceNr, reply.Node, ToElement(reply.State))),
        Woken woken => State(new StateDto(woken.ContainerId, woken.SequenceNr, woken.Node, ToElement(woken.State), woken.Exists)),
        ContainerStateChanged changed => State(new StateDto(changed.ContainerId, changed.SequenceNr, changed.Node, ToElement(changed.State))),
        Drained drained => JsonSerializer.SerializeToUtf8Bytes(new ReplyDto(drained.ContainerId), ContainerWireJsonContext.Default.ReplyDto),
        ContainerFailure failure => JsonSerializer.SerializeToUtf8Bytes(new FailureDto(failure.ContainerId, failure.Kind, failure.Reason), ContainerWireJsonContext.Default.FailureDto),
        ClaimName claim => JsonSerializer.SerializeToUtf8Bytes(new ClaimDto(claim.Name, claim.ContainerId,
            JsonSerializer.SerializeToElement(claim.Create, ContainerWireJsonContext.Default.Create)), ContainerWireJsonContext.Default.ClaimDto),
        NameTaken taken => JsonSerializer.SerializeToUtf8Bytes(new NameDto(taken.Name, taken.HolderId), ContainerWireJsonContext.Default.NameDto),
        GroupEnvelope envelope => JsonSerializer.SerializeToUtf8Bytes(envelope.Message switch
        {
            GroupRequest request => new GroupEnvelopeDto(envelope.Group, "request", request.Command),
            GroupInspect => new GroupEnvelopeDto(envelope.Group, "inspect"),
            var other => throw new ArgumentException($"the wire serializer does not carry {other.GetType().Name} to a group", nameof(obj)),
        }, GroupJsonContext.Default.GroupEnvelopeDto),
        GroupReply reply => JsonSerializer.SerializeToUtf8Bytes(new GroupReplyDto(reply.State, reply.Node, reply.Problems), GroupJsonContext.Default.GroupReplyDto),
        GroupFailure failure => JsonSerializer.SerializeToUtf8Bytes(new FailureDto(failure.Group, failure.Kind, failure.Reason), ContainerWireJsonContext.Default.FailureDto),
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
                ReplyManifest => ReadState(bytes) is var r ? new ContainerReply(FromElement(r.State), r.SequenceNr, r.Node) : null!,
                WokenManifest => ReadState(bytes) is var w ? new Woken(w.Id, w.Exists, FromElement(w.State), w.SequenceNr, w.Node) : null!,
                StateChangedManifest => ReadState(bytes) is var c ? new ContainerStateChanged(c.Id, FromElement(c.State), c.SequenceNr, c.Node) : null!,
                DrainedManifest => new Drained(Deserialize(bytes, ContainerWireJsonContext.Default.ReplyDto).Id),
                FailureManifest => Deserialize(bytes, ContainerWireJsonContext.Default.FailureDto) is var f ? new ContainerFailure(f.Kind, f.Id, f.Reason) : null!,
                ClaimManifest => Deserialize(bytes, ContainerWireJsonContext.Default.ClaimDto) is var claim
                    ? new ClaimName(claim.Name, claim.Id, claim.Create.Deserialize(ContainerWireJsonContext.Default.Create) ?? throw new SerializationException("the claim's create is JSON null"))
                    : null!,
                NameTakenManifest => Deserialize(bytes, ContainerWireJsonContext.Default.NameDto) is var n ? new NameTaken(n.Name, n.Id) : null!,
                GroupEnvelopeManifest => Deserialize(bytes, GroupJsonContext.Default.GroupEnvelopeDto) is var g
                    ? new GroupEnvelope(g.Group, g.Kind switch
                    {
                        "request" => new GroupRequest(g.Command ?? throw new SerializationException("a group request without its command")),
                        "inspect" => GroupInspect.Instance,
                        _ => throw new SerializationException($"unknown group envelope kind '{g.Kind}'"),
                    })
                    : null!,
                GroupReplyManifest => Deserialize(bytes, GroupJsonContext.Default.GroupReplyDto) is var gr ? new GroupReply(gr.State, gr.Node, gr.Problems) : null!,
                GroupFailureManifest => Deserialize(bytes, ContainerWireJsonContext.Default.FailureDto) is var gf ? new GroupFailure(gf.Kind, gf.Id, gf.Reason) : null!,
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

    private static byte[] State(StateDto dto) => JsonSerializer.SerializeToUtf8Bytes(dto, ContainerWireJsonContext.Default.StateDto);

    private static StateDto ReadState(byte[] bytes) => Deserialize(bytes, ContainerWireJsonContext.Default.StateDto);

    private static JsonElement ToElement(ContainerState state) => JsonSerializer.SerializeToElement(state, ContainerJsonContext.Default.ContainerState);

    private static ContainerState FromElement(JsonElement state) =>
        state.Deserialize(ContainerJsonContext.Default.ContainerState) ?? throw new SerializationException("a container state is JSON null");

    private static T Deserialize<T>(byte[] bytes, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(bytes, info) ?? throw new SerializationException($"{typeof(T).Name} is JSON null");
}
