using System.Globalization;
using System.Text;
using Akka.Configuration;

namespace ActorSupervisor.Node.Configuration;

/// <summary>
/// The node file's <c>akka { }</c> section, handed to Akka as its own configuration: our HOCON reader parses the file
/// (one parser, with file:line errors) and this turns the section back into the HOCON Akka reads.
/// </summary>
internal static class AkkaSection
{
    /// <summary>The <c>akka</c> section as an Akka <see cref="Config"/>, or null when the configuration has none.</summary>
    public static Config? Read(IConfiguration root)
    {
        var section = root.GetSection("akka");
        if (!section.Exists()) return null;
        var text = new StringBuilder("akka ");
        Write(section, text);
        return ConfigurationFactory.ParseString(text.ToString());
    }

    private static void Write(IConfigurationSection section, StringBuilder text)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            text.Append(Quote(section.Value ?? ""));
            return;
        }
        // The configuration flattens a list into keys 0, 1, 2...
        var isList = children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        text.Append(isList ? '[' : '{');
        foreach (var child in isList ? children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)) : children.AsEnumerable())
        {
            if (!isList) text.Append(Quote(child.Key)).Append(" = ");
            Write(child, text);
            text.Append('\n');
        }
        text.Append(isList ? ']' : '}');
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
