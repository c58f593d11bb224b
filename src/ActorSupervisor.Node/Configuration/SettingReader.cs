using System.Globalization;
using ActorSupervisor.Hocon;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace ActorSupervisor.Node.Configuration;

/// <summary>
/// Reads typed settings by their HOCON path (<c>actor-supervisor.node.api.port</c>) from the layered
/// configuration, and turns a bad value into an error that names where it came from: the file and line
/// of the HOCON layer that set it, or the environment variable.
/// </summary>
internal sealed class SettingReader(IConfigurationRoot root, string environmentPrefix)
{
    /// <summary>The configuration the settings come from.</summary>
    public IConfigurationRoot Root => root;

    /// <summary>The text of the setting at <paramref name="path"/>; a missing one is an error.</summary>
    public string String(string path) =>
        root[Key(path)] ?? throw Error(path, null, "is missing; hocon/reference.conf defines every node setting, is it next to the node's binary?");

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Int(string path, int min, int max) => Convert(path, text =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (0, $"expected a whole number from {min} to {max}"));

    /// <summary>A boolean (<c>true</c>/<c>false</c>, <c>yes</c>/<c>no</c>, <c>on</c>/<c>off</c>).</summary>
    public bool Bool(string path) => Convert(path, text =>
        HoconBoolean.TryParse(text, out var value) ? (value, null) : (false, "expected true or false"));

    /// <summary>A duration such as <c>100ms</c> or <c>30s</c>, not negative.</summary>
    public TimeSpan Duration(string path) => Convert(path, text =>
        HoconDuration.TryParse(text, out var value) && value >= TimeSpan.Zero
            ? (value, null)
            : (TimeSpan.Zero, "expected a duration such as 100ms, 30s or 5m"));

    /// <summary>A number at least <paramref name="min"/>.</summary>
    public double Double(string path, double min) => Convert(path, text =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && double.IsFinite(value)
            ? (value, null)
            : (0d, $"expected a number of at least {min.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>
    /// A list of strings, each converted by <paramref name="convert"/>: a HOCON list, or one comma-separated string (the
    /// form an environment variable takes, which then wins over a list in a file). An error names the item.
    /// </summary>
    public IReadOnlyList<T> List<T>(string path, Func<string, (T Value, string? Problem)> convert)
    {
        var key = Key(path);
        if (root[key] is { } text)
        {
            var items = new List<T>();
            foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var (value, problem) = convert(item);
                items.Add(problem is null ? value : throw Error(path, item, problem));
            }
            return items;
        }
        return root.GetSection(key).GetChildren()
            .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
            .Select(c => Convert(path + "." + c.Key, convert))
            .ToList();
    }

    /// <summary>The setting converted by <paramref name="convert"/>, which gives the value or what is wrong.</summary>
    public T Convert<T>(string path, Func<string, (T Value, string? Problem)> convert)
    {
        var text = String(path);
        var (value, problem) = convert(text);
        return problem is null ? value : throw Error(path, text, problem);
    }

    /// <summary>An error about the setting at <paramref name="path"/> with <paramref name="value"/>, located.</summary>
    public NodeConfigurationException Error(string path, string? value, string problem) => ErrorAt(Where(path), path, value, problem);

    /// <summary>An error about the setting at <paramref name="path"/> with <paramref name="value"/>, located at <paramref name="where"/>.</summary>
    public static NodeConfigurationException ErrorAt(string where, string path, string? value, string problem)
    {
        var shown = value is null ? "" : $" = \"{value}\"";
        return new NodeConfigurationException($"{where}: setting '{path}'{shown}: {problem}");
    }

    /// <summary>
    /// Where the value at <paramref name="path"/> came from: <c>file:line:column</c> or the environment variable.
    /// A path that is not set itself (an error about a missing field) is located at its nearest enclosing setting.
    /// </summary>
    public string Where(string path)
    {
        for (var key = Key(path); key.Length > 0; key = key.Contains(':', StringComparison.Ordinal) ? key[..key.LastIndexOf(':')] : "")
        {
            foreach (var provider in root.Providers.Reverse())
            {
                if (!provider.TryGet(key, out _) && !HasChildren(provider, key))
                    continue;
                return provider switch
                {
                    HoconConfigurationProvider hocon => hocon.PositionOf(key)?.ToString() ?? "configuration",
                    EnvironmentVariablesConfigurationProvider => $"environment variable {environmentPrefix}{key.Replace(":", "__", StringComparison.Ordinal)}",
                    _ => "configuration",
                };
            }
        }
        return "configuration";
    }

    /// <summary>The configuration key of a HOCON path.</summary>
    public static string Key(string path) => path.Replace('.', ':');

    private static bool HasChildren(IConfigurationProvider provider, string key) =>
        provider.GetChildKeys([], key).Any();
}
