using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ActorSupervisor.Persistence.Sql.Serialization;

/// <summary>Turns events and snapshots into (manifest, JSON bytes) and back, from a frozen <see cref="EventTypeRegistry"/>.</summary>
internal sealed class JournalSerializer(
    IReadOnlyDictionary<string, JsonTypeInfo> byManifest,
    IReadOnlyDictionary<Type, string> manifestByType,
    IReadOnlyDictionary<string, EventTypeRegistry.Upcaster> upcasters,
    int maxUpcastChain)
{
    public (string Manifest, byte[] Payload) Serialize(object value, string persistenceId, long sequenceNr)
    {
        if (!manifestByType.TryGetValue(value.GetType(), out var manifest))
            throw new JournalSerializationException(persistenceId, sequenceNr,
                $"type {value.GetType()} has no manifest; register it with EventTypeRegistry.Register.");
        try
        {
            return (manifest, JsonSerializer.SerializeToUtf8Bytes(value, byManifest[manifest]));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new JournalSerializationException(persistenceId, sequenceNr, $"cannot serialize {value.GetType()}: {ex.Message}", ex);
        }
    }

    public object Deserialize(string manifest, byte[] payload, string persistenceId, long sequenceNr)
    {
        try
        {
            var value = byManifest.TryGetValue(manifest, out var typeInfo)
                ? JsonSerializer.Deserialize(payload, typeInfo)
                : DeserializeUpcast(manifest, payload, persistenceId, sequenceNr);
            return value ?? throw new JournalSerializationException(persistenceId, sequenceNr,
                $"the payload of manifest '{manifest}' is JSON null.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new JournalSerializationException(persistenceId, sequenceNr,
                $"the stored payload does not match manifest '{manifest}': {ex.Message}", ex);
        }
    }

    private object? DeserializeUpcast(string manifest, byte[] payload, string persistenceId, long sequenceNr)
    {
        if (!upcasters.ContainsKey(manifest))
            throw new JournalSerializationException(persistenceId, sequenceNr,
                $"unknown manifest '{manifest}'; register its type with EventTypeRegistry.Register or an upcaster with AddUpcaster.");
        var json = JsonNode.Parse(payload)
            ?? throw new JournalSerializationException(persistenceId, sequenceNr, $"the payload of manifest '{manifest}' is JSON null.");
        var current = manifest;
        for (var step = 0; step < maxUpcastChain && upcasters.TryGetValue(current, out var upcaster); step++)
        {
            json = Upcast(upcaster, current, json, persistenceId, sequenceNr);
            current = upcaster.ToManifest;
        }
        if (!byManifest.TryGetValue(current, out var typeInfo))
            throw new JournalSerializationException(persistenceId, sequenceNr,
                $"manifest '{manifest}' upcasts to '{current}', which has no registered type.");
        return json.Deserialize(typeInfo);
    }

    private static JsonNode Upcast(EventTypeRegistry.Upcaster upcaster, string from, JsonNode json, string persistenceId, long sequenceNr)
    {
        try
        {
            return upcaster.Transform(json);
        }
        catch (Exception ex)
        {
            throw new JournalSerializationException(persistenceId, sequenceNr,
                $"the upcaster from '{from}' to '{upcaster.ToManifest}' failed: {ex.Message}", ex);
        }
    }
}
