using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Lifecycle;
using Akka.Actor;
using Akka.Serialization;

namespace ActorSupervisor.Supervision.Serialization;

/// <summary>
/// Stores container events and snapshots as camelCase JSON under our own manifests (<see cref="ContainerManifests"/>),
/// never under a CLR type name, so types can move and be renamed without breaking the journal. Retired manifests
/// read through <see cref="ContainerUpcaster"/>s. Registered by <see cref="ContainerSerialization"/>.
/// </summary>
public sealed class ContainerSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id stored next to every payload: fixed forever, above Akka's reserved 0-100.</summary>
    public const int SerializerId = 4711;

    private const int MaxUpcastChain = 32;

    private static readonly (Type Type, string Manifest, JsonTypeInfo Info)[] Types =
    [
        (typeof(ContainerEvent.Created), ContainerManifests.Created, ContainerJsonContext.Default.Created),
        (typeof(ContainerEvent.Started), ContainerManifests.Started, ContainerJsonContext.Default.Started),
        (typeof(ContainerEvent.Died), ContainerManifests.Died, ContainerJsonContext.Default.Died),
        (typeof(ContainerEvent.OutOfMemory), ContainerManifests.OutOfMemory, ContainerJsonContext.Default.OutOfMemory),
        (typeof(ContainerEvent.Killed), ContainerManifests.Killed, ContainerJsonContext.Default.Killed),
        (typeof(ContainerEvent.Stopped), ContainerManifests.Stopped, ContainerJsonContext.Default.Stopped),
        (typeof(ContainerEvent.Paused), ContainerManifests.Paused, ContainerJsonContext.Default.Paused),
        (typeof(ContainerEvent.Unpaused), ContainerManifests.Unpaused, ContainerJsonContext.Default.Unpaused),
        (typeof(ContainerEvent.Restarting), ContainerManifests.Restarting, ContainerJsonContext.Default.Restarting),
        (typeof(ContainerEvent.HealthProbed), ContainerManifests.HealthProbed, ContainerJsonContext.Default.HealthProbed),
        (typeof(ContainerEvent.HealthStatusChanged), ContainerManifests.HealthStatusChanged, ContainerJsonContext.Default.HealthStatusChanged),
        (typeof(ContainerEvent.ReadinessProbed), ContainerManifests.ReadinessProbed, ContainerJsonContext.Default.ReadinessProbed),
        (typeof(ContainerEvent.ReadinessStatusChanged), ContainerManifests.ReadinessStatusChanged, ContainerJsonContext.Default.ReadinessStatusChanged),
        (typeof(ContainerEvent.Updated), ContainerManifests.Updated, ContainerJsonContext.Default.Updated),
        (typeof(ContainerEvent.Destroyed), ContainerManifests.Destroyed, ContainerJsonContext.Default.Destroyed),
        (typeof(ContainerEvent.GaveUp), ContainerManifests.GaveUp, ContainerJsonContext.Default.GaveUp),
        (typeof(ContainerEvent.GroupChanged), ContainerManifests.GroupChanged, ContainerJsonContext.Default.GroupChanged),
        (typeof(GroupEvent.Created), ContainerManifests.GroupCreated, GroupJsonContext.Default.Created),
        (typeof(GroupEvent.PlanBegun), ContainerManifests.GroupPlanBegun, GroupJsonContext.Default.PlanBegun),
        (typeof(GroupEvent.MemberRestarted), ContainerManifests.GroupMemberRestarted, GroupJsonContext.Default.MemberRestarted),
        (typeof(GroupEvent.PlanCompleted), ContainerManifests.GroupPlanCompleted, GroupJsonContext.Default.PlanCompleted),
        (typeof(GroupEvent.GaveUp), ContainerManifests.GroupGaveUp, GroupJsonContext.Default.GaveUp),
        (typeof(GroupEvent.Destroyed), ContainerManifests.GroupDestroyed, GroupJsonContext.Default.Destroyed),
        (typeof(ContainerState), ContainerManifests.State, ContainerJsonContext.Default.ContainerState),
        (typeof(GroupState), ContainerManifests.GroupState, GroupJsonContext.Default.GroupState),
        (typeof(Actors.NameClaimed), ContainerManifests.NameClaimed, ContainerJsonContext.Default.NameClaimed),
    ];

    private static readonly FrozenDictionary<Type, (string Manifest, JsonTypeInfo Info)> ByType =
        Types.ToFrozenDictionary(t => t.Type, t => (t.Manifest, t.Info));

    private static readonly FrozenDictionary<string, JsonTypeInfo> ByManifest =
        Types.ToFrozenDictionary(t => t.Manifest, t => t.Info, StringComparer.Ordinal);

    private readonly FrozenDictionary<string, ContainerUpcaster> _upcasters;

    /// <summary>Called by Akka's serialization extension.</summary>
    public ContainerSerializer(ExtendedActorSystem system) : this(system, ContainerUpcaster.All)
    {
    }

    internal ContainerSerializer(ExtendedActorSystem system, IEnumerable<ContainerUpcaster> upcasters) : base(system)
    {
        var byFrom = new Dictionary<string, ContainerUpcaster>(StringComparer.Ordinal);
        foreach (var upcaster in upcasters)
        {
            if (ByManifest.ContainsKey(upcaster.FromManifest))
                throw new ArgumentException($"Upcaster from '{upcaster.FromManifest}': that manifest is current; only a retired manifest can be upcast.", nameof(upcasters));
            if (!byFrom.TryAdd(upcaster.FromManifest, upcaster))
                throw new ArgumentException($"Two upcasters from '{upcaster.FromManifest}'.", nameof(upcasters));
        }
        _upcasters = byFrom.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <summary>Every manifest this serializer writes.</summary>
    public static IReadOnlyCollection<string> CurrentManifests => ByManifest.Keys;

    /// <inheritdoc />
    public override string Manifest(object o) => Lookup(o).Manifest;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, Lookup(obj).Info);

    /// <inheritdoc />
    /// <exception cref="SerializationException">The manifest is unknown, or the payload does not match it.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            var value = ByManifest.TryGetValue(manifest, out var info)
                ? JsonSerializer.Deserialize(bytes, info)
                : Upcast(bytes, manifest);
            return value ?? throw new SerializationException($"The payload of manifest '{manifest}' is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new SerializationException($"The payload does not match manifest '{manifest}': {ex.Message}", ex);
        }
    }

    private object? Upcast(byte[] bytes, string manifest)
    {
        if (!_upcasters.ContainsKey(manifest))
            throw new SerializationException(
                $"Unknown manifest '{manifest}' for the container serializer ({SerializerId}): written by a newer version, or a retired manifest without an upcaster.");
        var json = JsonNode.Parse(bytes) ?? throw new SerializationException($"The payload of manifest '{manifest}' is JSON null.");
        var current = manifest;
        for (var step = 0; step < MaxUpcastChain && _upcasters.TryGetValue(current, out var upcaster); step++)
        {
            try
            {
                json = upcaster.Transform(json);
            }
            catch (Exception ex) when (ex is not SerializationException)
            {
                throw new SerializationException($"The upcaster from '{current}' to '{upcaster.ToManifest}' failed: {ex.Message}", ex);
            }
            current = upcaster.ToManifest;
        }
        if (!ByManifest.TryGetValue(current, out var info))
            throw new SerializationException($"Manifest '{manifest}' upcasts to '{current}', which is not a current manifest.");
        return json.Deserialize(info);
    }

    private static (string Manifest, JsonTypeInfo Info) Lookup(object o) =>
        ByType.TryGetValue(o.GetType(), out var entry)
            ? entry
            : throw new ArgumentException($"The container serializer has no manifest for {o.GetType().Name}; add it to ContainerManifests.", nameof(o));
}
