using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ActorSupervisor.Persistence.Sql.Serialization;

/// <summary>
/// The event and snapshot types the journal can store, each under a stable manifest, with upcasters that turn
/// payloads of retired manifests into current ones. The host fills it at start-up from source-generated
/// <c>JsonSerializerContext</c>s, then hands it to <see cref="SqlPersistence.OpenAsync"/>, which freezes it.
/// </summary>
/// <example><code>
/// var registry = new EventTypeRegistry()
///     .Register("container-started.v2", EventsJson.Default.ContainerStarted)
///     .AddUpcaster("container-started.v1", "container-started.v2", json => { json["exitCode"] ??= 0; return json; });
/// </code></example>
public sealed class EventTypeRegistry
{
    private const int MaxUpcastChain = 32;
    private readonly Dictionary<string, JsonTypeInfo> _byManifest = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _manifestByType = [];
    private readonly Dictionary<string, Upcaster> _upcasters = new(StringComparer.Ordinal);
    private volatile bool _frozen;

    /// <summary>Stores values of type <typeparamref name="T"/> as JSON under <paramref name="manifest"/>.</summary>
    /// <exception cref="ArgumentException">The manifest or the type is registered already, or the manifest is blank.</exception>
    public EventTypeRegistry Register<T>(string manifest, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        EnsureOpen();
        RequireManifest(manifest, nameof(manifest));
        if (_byManifest.ContainsKey(manifest) || _upcasters.ContainsKey(manifest))
            throw new ArgumentException($"Manifest '{manifest}' is registered already.", nameof(manifest));
        if (_manifestByType.TryGetValue(typeof(T), out var existing))
            throw new ArgumentException($"Type {typeof(T)} is registered already, under manifest '{existing}'.", nameof(typeInfo));
        _byManifest.Add(manifest, typeInfo);
        _manifestByType.Add(typeof(T), manifest);
        return this;
    }

    /// <summary>
    /// Reads payloads stored under the retired <paramref name="fromManifest"/> by transforming their JSON with
    /// <paramref name="upcast"/> into the shape of <paramref name="toManifest"/>, which is a registered manifest
    /// or the start of another upcaster (chains such as v1 → v2 → v3 are allowed, cycles are not).
    /// </summary>
    public EventTypeRegistry AddUpcaster(string fromManifest, string toManifest, Func<JsonNode, JsonNode> upcast)
    {
        ArgumentNullException.ThrowIfNull(upcast);
        EnsureOpen();
        RequireManifest(fromManifest, nameof(fromManifest));
        RequireManifest(toManifest, nameof(toManifest));
        if (_byManifest.ContainsKey(fromManifest) || _upcasters.ContainsKey(fromManifest))
            throw new ArgumentException($"Manifest '{fromManifest}' is registered already; an upcaster needs a retired manifest.", nameof(fromManifest));
        for (var next = toManifest; _upcasters.TryGetValue(next, out var step); next = step.ToManifest)
        {
            if (step.ToManifest == fromManifest)
                throw new ArgumentException($"Upcaster '{fromManifest}' → '{toManifest}' would form a cycle.", nameof(toManifest));
        }
        if (toManifest == fromManifest)
            throw new ArgumentException($"Upcaster '{fromManifest}' → '{toManifest}' would form a cycle.", nameof(toManifest));
        _upcasters.Add(fromManifest, new Upcaster(toManifest, upcast));
        return this;
    }

    internal JournalSerializer Freeze()
    {
        _frozen = true;
        return new JournalSerializer(_byManifest, _manifestByType, _upcasters, MaxUpcastChain);
    }

    private void EnsureOpen()
    {
        if (_frozen) throw new InvalidOperationException("The EventTypeRegistry is in use by a journal already; register every type before opening it.");
    }

    private static void RequireManifest(string manifest, string parameter)
    {
        if (string.IsNullOrWhiteSpace(manifest)) throw new ArgumentException("A manifest must not be blank.", parameter);
    }

    internal sealed record Upcaster(string ToManifest, Func<JsonNode, JsonNode> Transform);
}
