using System.Text.Json.Serialization;
using ActorSupervisor.Persistence.Sql.Serialization;

namespace ActorSupervisor.Persistence.Sql.Tests.Support;

internal sealed record ItemAdded(string Name, int Count);

internal sealed record ItemRemoved(string Name);

/// <summary>An old shape of <see cref="ItemAdded"/>, stored under manifest "item-added.v1" without a count.</summary>
internal sealed record ItemAddedV1(string Item);

internal sealed record CartSnapshot(string[] Items, int Version);

[JsonSerializable(typeof(ItemAdded))]
[JsonSerializable(typeof(ItemRemoved))]
[JsonSerializable(typeof(ItemAddedV1))]
[JsonSerializable(typeof(CartSnapshot))]
internal sealed partial class TestJson : JsonSerializerContext;

internal static class TestRegistry
{
    public static EventTypeRegistry Create() => new EventTypeRegistry()
        .Register("item-added.v2", TestJson.Default.ItemAdded)
        .Register("item-removed.v1", TestJson.Default.ItemRemoved)
        .Register("cart-snapshot.v1", TestJson.Default.CartSnapshot)
        .AddUpcaster("item-added.v1", "item-added.v2", json => new System.Text.Json.Nodes.JsonObject
        {
            ["Name"] = json["Item"]?.GetValue<string>(),
            ["Count"] = 1,
        });

    /// <summary>What an older build of the node registered: ItemAdded in its v1 shape.</summary>
    public static EventTypeRegistry CreateV1() => new EventTypeRegistry()
        .Register("item-added.v1", TestJson.Default.ItemAddedV1);
}
