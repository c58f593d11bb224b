using FsCheck;
using FsCheck.Fluent;

namespace ActorSupervisor.Hocon.Tests;

public class RoundTripPropertyTests
{
    private static readonly HoconPosition Generated = new("generated", 1, 1);

    private static readonly Gen<char> Chars = Gen.Elements(
        'a', 'z', 'K', '0', '9', '_', '-', '.', ' ', '"', '\\', '/', '$', '{', '}', '[', ']', ':', '=', ',', '+', '#',
        '?', '!', '\n', '\t', '\r', '\u0001', 'é', '\u00A0', '\u2028', '\uD83D', '\uDE00');

    private static readonly Gen<string> Text = Gen.OneOf(
        Chars.ArrayOf().Select(chars => new string(chars)),
        Gen.Elements("", "include", "true", "null", "10.5", "a.b", "\"\"\"", "x\"", "line1\nline2", "${a}", "// not a comment", "a b"));

    private static readonly Gen<string> Identifier =
        Gen.Elements("a", "b", "node", "akka", "max-retries", "x_1", "Port").SelectMany(head =>
            Gen.Choose(0, 3).Select(n => n == 0 ? head : head + n));

    private static readonly Gen<string> Key = Gen.Frequency((3, Identifier), (1, Text));

    private static readonly Gen<HoconValue> Scalar = Gen.OneOf(
        Text.Select(t => (HoconValue)new HoconScalar(HoconScalarKind.String, t, Generated)),
        Gen.Elements("0", "-12", "3.25", "1e5", "-2.5E-3", "9007199254740993").Select(t => (HoconValue)new HoconScalar(HoconScalarKind.Number, t, Generated)),
        Gen.Elements("true", "false").Select(t => (HoconValue)new HoconScalar(HoconScalarKind.Boolean, t, Generated)),
        Gen.Constant((HoconValue)new HoconScalar(HoconScalarKind.Null, null, Generated)));

    private static Gen<HoconValue> Value(int size) => size <= 0
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (1, Value(size / 2).ArrayOf().Select(items => (HoconValue)new HoconArray(items.Take(5), Generated))),
            (1, Object(size / 2).Select(o => (HoconValue)o)));

    private static Gen<HoconObject> Object(int size) =>
        Gen.Zip(Key, Value(size)).ArrayOf().Select(fields => new HoconObject(
            fields.Take(6).DistinctBy(f => f.Item1).Select(f => new KeyValuePair<string, HoconValue>(f.Item1, f.Item2)),
            Generated));

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly Arbitrary<HoconObject> Trees = Gen.Sized(size => Object(Math.Min(size, 16))).ToArbitrary();

    [Fact]
    public void Printing_as_hocon_and_reading_back_gives_the_same_tree() =>
        Prop.ForAll(Trees, tree =>
        {
            var printed = HoconPrinter.ToHocon(tree);
            var reread = Hocon.Parse(printed);
            return (HoconPrinter.ToJson(reread) == HoconPrinter.ToJson(tree)).Label(printed);
        }).Check(Runs);

    [Fact]
    public void Printing_as_json_and_reading_back_gives_the_same_tree() =>
        Prop.ForAll(Trees, tree =>
        {
            var printed = HoconPrinter.ToJson(tree);
            return (HoconPrinter.ToJson(Hocon.Parse(printed)) == printed).Label(printed);
        }).Check(Runs);

    [Fact]
    public void The_generator_builds_nested_trees_with_awkward_text()
    {
        var samples = Trees.Generator.Sample(16, new Rnd(2026, 7), 300);
        Assert.Contains(samples, tree => Depth(tree) >= 3);
        var printed = string.Join("\n", samples.Select(HoconPrinter.ToHocon));
        Assert.Contains("\"\"\"", printed, StringComparison.Ordinal);
        Assert.Contains("\\\"", printed, StringComparison.Ordinal);
        Assert.Contains(samples, tree => tree.Keys.Any(k => k.Contains('.', StringComparison.Ordinal)));
    }

    private static int Depth(HoconValue value) => value switch
    {
        HoconObject obj => 1 + obj.Values.Select(Depth).DefaultIfEmpty(0).Max(),
        HoconArray array => 1 + array.Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    [Fact]
    public void The_printer_compares_trees_exactly()
    {
        // The properties compare trees through their JSON text: it must tell apart what the reader tells apart.
        var one = Hocon.Parse("a = 1, b = \"1\", c = [true, \"true\"], d = null, e = \"null\", \"f.g\" = { }");
        Assert.Equal("{\n  \"a\": 1,\n  \"b\": \"1\",\n  \"c\": [\n    true,\n    \"true\"\n  ],\n  \"d\": null,\n  \"e\": \"null\",\n  \"f.g\": {}\n}", HoconPrinter.ToJson(one));
        Assert.Equal("a = 1\nb = \"1\"\nc = [\n  true\n  \"true\"\n]\nd = null\ne = \"null\"\n\"f.g\" {}\n", HoconPrinter.ToHocon(one));
    }
}
