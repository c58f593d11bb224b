using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;

namespace ActorSupervisor.Messages;

/// <summary>
/// Carries every <see cref="ISupervisorMessage"/> as JSON (System.Text.Json, source-generated) under the string
/// manifests of <see cref="MessageManifests"/>: no CLR type name crosses the wire, so a client and a node need only
/// agree on this contract, not on assemblies. Register it with <see cref="SupervisorMessagesSetup"/>.
/// </summary>
public sealed class SupervisorMessageSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id, fixed for every node and client (beside the node's own 4711 and 4712).</summary>
    public const int SerializerId = 4713;

    private readonly ExtendedActorSystem _system;

    /// <summary>Created by Akka from <c>akka.actor.serializers</c>.</summary>
    public SupervisorMessageSerializer(ExtendedActorSystem system) : base(system) => _system = system;

    /// <summary>A subscription on the wire: the subscriber's full actor path.</summary>
    internal sealed record SubscriberDto(string Subscriber);

    private static readonly (Type Type, string Manifest, JsonTypeInfo Info)[] Plain =
    [
        (typeof(CreateContainer), MessageManifests.Create, MessagesJsonContext.Default.CreateContainer),
        (typeof(StartContainer), MessageManifests.Start, MessagesJsonContext.Default.StartContainer),
        (typeof(StopContainer), MessageManifests.Stop, MessagesJsonContext.Default.StopContainer),
        (typeof(RestartContainer), MessageManifests.Restart, MessagesJsonContext.Default.RestartContainer),
        (typeof(KillContainer), MessageManifests.Kill, MessagesJsonContext.Default.KillContainer),
        (typeof(PauseContainer), MessageManifests.Pause, MessagesJsonContext.Default.PauseContainer),
        (typeof(UnpauseContainer), MessageManifests.Unpause, MessagesJsonContext.Default.UnpauseContainer),
        (typeof(RemoveContainer), MessageManifests.Remove, MessagesJsonContext.Default.RemoveContainer),
        (typeof(GetContainer), MessageManifests.Get, MessagesJsonContext.Default.GetContainer),
        (typeof(ListContainers), MessageManifests.List, MessagesJsonContext.Default.ListContainers),
        (typeof(ContainerResult), MessageManifests.Result, MessagesJsonContext.Default.ContainerResult),
        (typeof(ContainerRemoved), MessageManifests.Removed, MessagesJsonContext.Default.ContainerRemoved),
        (typeof(ContainerList), MessageManifests.ContainerList, MessagesJsonContext.Default.ContainerList),
        (typeof(EventsSubscription), MessageManifests.Subscription, MessagesJsonContext.Default.EventsSubscription),
        (typeof(CommandFailed), MessageManifests.Failed, MessagesJsonContext.Default.CommandFailed),
        (typeof(ContainerEventNotice), MessageManifests.Event, MessagesJsonContext.Default.ContainerEventNotice),
        (typeof(CreateGroup), MessageManifests.CreateGroup, MessagesJsonContext.Default.CreateGroup),
        (typeof(GetGroup), MessageManifests.GetGroup, MessagesJsonContext.Default.GetGroup),
        (typeof(StartGroup), MessageManifests.StartGroup, MessagesJsonContext.Default.StartGroup),
        (typeof(StopGroup), MessageManifests.StopGroup, MessagesJsonContext.Default.StopGroup),
        (typeof(RemoveGroup), MessageManifests.RemoveGroup, MessagesJsonContext.Default.RemoveGroup),
        (typeof(GroupResult), MessageManifests.GroupResult, MessagesJsonContext.Default.GroupResult),
        (typeof(GroupRemoved), MessageManifests.GroupRemoved, MessagesJsonContext.Default.GroupRemoved),
    ];

    private static readonly FrozenDictionary<Type, (string Manifest, JsonTypeInfo Info)> ByType =
        Plain.ToFrozenDictionary(p => p.Type, p => (p.Manifest, p.Info));

    private static readonly FrozenDictionary<string, JsonTypeInfo> ByManifest =
        Plain.ToFrozenDictionary(p => p.Manifest, p => p.Info, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        SubscribeEvents => MessageManifests.Subscribe,
        UnsubscribeEvents => MessageManifests.Unsubscribe,
        _ when ByType.TryGetValue(o.GetType(), out var entry) => entry.Manifest,
        _ => throw new ArgumentException($"{o.GetType().Name} is not an ActorSupervisor message", nameof(o)),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        SubscribeEvents subscribe => Subscriber(subscribe.Subscriber),
        UnsubscribeEvents unsubscribe => Subscriber(unsubscribe.Subscriber),
        _ when ByType.TryGetValue(obj.GetType(), out var entry) => JsonSerializer.SerializeToUtf8Bytes(obj, entry.Info),
        _ => throw new ArgumentException($"{obj.GetType().Name} is not an ActorSupervisor message", nameof(obj)),
    };

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                MessageManifests.Subscribe => new SubscribeEvents(ReadSubscriber(bytes)),
                MessageManifests.Unsubscribe => new UnsubscribeEvents(ReadSubscriber(bytes)),
                _ when ByManifest.TryGetValue(manifest, out var info) =>
                    JsonSerializer.Deserialize(bytes, info) ?? throw new SerializationException($"message '{manifest}' is JSON null"),
                _ => throw new SerializationException($"unknown manifest '{manifest}' for the ActorSupervisor message serializer ({SerializerId}); is the other side of a newer release?"),
            };
        }
        catch (JsonException e)
        {
            throw new SerializationException($"the payload does not match manifest '{manifest}': {e.Message}", e);
        }
    }

    private static byte[] Subscriber(IActorRef subscriber) =>
        JsonSerializer.SerializeToUtf8Bytes(new SubscriberDto(Serialization.SerializedActorPath(subscriber)), MessagesJsonContext.Default.SubscriberDto);

    private IActorRef ReadSubscriber(byte[] bytes)
    {
        var dto = JsonSerializer.Deserialize(bytes, MessagesJsonContext.Default.SubscriberDto) ?? throw new SerializationException("a subscription is JSON null");
        return _system.Provider.ResolveActorRef(dto.Subscriber);
    }
}
