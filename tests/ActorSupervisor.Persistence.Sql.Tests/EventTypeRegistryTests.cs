using ActorSupervisor.Persistence.Sql.Serialization;
using ActorSupervisor.Persistence.Sql.Tests.Support;

namespace ActorSupervisor.Persistence.Sql.Tests;

public sealed class EventTypeRegistryTests
{
    [Fact]
    public void A_manifest_or_type_registered_twice_is_refused_naming_it()
    {
        var registry = new EventTypeRegistry().Register("a", TestJson.Default.ItemAdded);

        Assert.Contains("'a' is registered already", Assert.Throws<ArgumentException>(() => registry.Register("a", TestJson.Default.ItemRemoved)).Message);
        Assert.Contains("ItemAdded is registered already", Assert.Throws<ArgumentException>(() => registry.Register("b", TestJson.Default.ItemAdded)).Message);
        Assert.Throws<ArgumentException>(() => registry.Register(" ", TestJson.Default.CartSnapshot));
    }

    [Fact]
    public void Upcasters_must_start_at_a_retired_manifest_and_must_not_form_a_cycle()
    {
        var registry = new EventTypeRegistry()
            .Register("v3", TestJson.Default.ItemAdded)
            .AddUpcaster("v1", "v2", j => j)
            .AddUpcaster("v2", "v3", j => j);

        Assert.Contains("retired manifest", Assert.Throws<ArgumentException>(() => registry.AddUpcaster("v3", "v1", j => j)).Message);
        Assert.Contains("cycle", Assert.Throws<ArgumentException>(() => registry.AddUpcaster("v0", "v0", j => j)).Message);
        var chained = new EventTypeRegistry().AddUpcaster("x1", "x2", j => j);
        Assert.Contains("cycle", Assert.Throws<ArgumentException>(() => chained.AddUpcaster("x2", "x1", j => j)).Message);
    }

    [Fact]
    public void A_chain_of_upcasters_reaches_the_current_type()
    {
        var serializer = new EventTypeRegistry()
            .Register("v3", TestJson.Default.ItemAdded)
            .AddUpcaster("v1", "v2", j => new System.Text.Json.Nodes.JsonObject { ["Name"] = j["Item"]!.GetValue<string>() })
            .AddUpcaster("v2", "v3", j => { j["Count"] = 7; return j; })
            .Freeze();

        var value = serializer.Deserialize("v1", """{"Item":"lamp"}"""u8.ToArray(), "p", 4);

        Assert.Equal(new ItemAdded("lamp", 7), value);
    }

    [Fact]
    public void A_failing_upcaster_or_a_chain_ending_nowhere_names_the_event()
    {
        var serializer = new EventTypeRegistry()
            .Register("v2", TestJson.Default.ItemAdded)
            .AddUpcaster("v1", "v2", _ => throw new FormatException("no Item field"))
            .AddUpcaster("old", "gone", j => j)
            .Freeze();

        var failing = Assert.Throws<JournalSerializationException>(() => serializer.Deserialize("v1", "{}"u8.ToArray(), "p", 9));
        var nowhere = Assert.Throws<JournalSerializationException>(() => serializer.Deserialize("old", "{}"u8.ToArray(), "q", 3));

        Assert.Contains("Persistence id 'p', sequence number 9: the upcaster from 'v1' to 'v2' failed: no Item field", failing.Message);
        Assert.Contains("'gone', which has no registered type", nowhere.Message);
    }

    [Fact]
    public void A_frozen_registry_refuses_new_types()
    {
        var registry = new EventTypeRegistry();
        registry.Freeze();

        Assert.Throws<InvalidOperationException>(() => registry.Register("a", TestJson.Default.ItemAdded));
    }
}
