using System.Text;

namespace ActorSupervisor.Hocon.Tests;

/// <summary>Test helpers: parse with a fixed environment, and render trees compactly for expected values.</summary>
internal static class Hocon
{
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["HOME"] = "/home/asv",
        ["ASV_PORT"] = "8080",
        ["a.b"] = "from-env",
    };

    public static HoconReaderOptions Options(string? baseDirectory = null) => new()
    {
        BaseDirectory = baseDirectory,
        EnvironmentVariables = name => Environment.GetValueOrDefault(name),
    };

    public static HoconObject Parse(string text, string? baseDirectory = null) =>
        HoconReader.Parse(text, "test.conf", Options(baseDirectory));

    public static string Compact(string text) => Compact(Parse(text));

    /// <summary><c>{a:1,b:"x",c:[true,null]}</c>: strings quoted, numbers as written, keys quoted only when needed.</summary>
    public static string Compact(HoconValue value)
    {
        var output = new StringBuilder();
        Write(output, value);
        return output.ToString();
    }

    private static void Write(StringBuilder output, HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj:
                output.Append('{');
                output.AppendJoin(',', obj.Select(field => $"{HoconPath.RenderKey(field.Key)}:{Compact(field.Value)}"));
                output.Append('}');
                break;
            case HoconArray array:
                output.Append('[').AppendJoin(',', array.Select(Compact)).Append(']');
                break;
            case HoconScalar { Kind: HoconScalarKind.String } scalar:
                output.Append('"').Append(scalar.Text!.Replace("\n", "\\n", StringComparison.Ordinal)).Append('"');
                break;
            case HoconScalar scalar:
                output.Append(scalar.Text ?? "null");
                break;
        }
    }

    public static HoconException Fails(string text, string? baseDirectory = null) =>
        Assert.Throws<HoconException>(() => Parse(text, baseDirectory));
}
