using System.Text;
using ActorSupervisor.Hocon.Printing;

namespace ActorSupervisor.Hocon;

/// <summary>
/// Writes resolved values back out, as HOCON (one field per line, no commas) or as JSON. Reading the output
/// again gives the same tree: strings are always quoted, numbers keep the text they were written as.
/// </summary>
public static class HoconPrinter
{
    /// <summary>The value as HOCON; an object is written with its root braces omitted.</summary>
    public static string ToHocon(HoconValue value)
    {
        var output = new StringBuilder();
        if (value is HoconObject root)
        {
            WriteFields(output, root, indent: 0, hocon: true);
        }
        else
        {
            Write(output, value, indent: 0, hocon: true);
            output.Append('\n');
        }
        return output.ToString();
    }

    /// <summary>The value as indented JSON.</summary>
    public static string ToJson(HoconValue value)
    {
        var output = new StringBuilder();
        Write(output, value, indent: 0, hocon: false);
        return output.ToString();
    }

    private static void Write(StringBuilder output, HoconValue value, int indent, bool hocon)
    {
        switch (value)
        {
            case HoconObject obj:
                output.Append('{');
                if (obj.Count > 0)
                {
                    output.Append('\n');
                    WriteFields(output, obj, indent + 1, hocon);
                    output.Append(' ', indent * 2);
                }
                output.Append('}');
                break;
            case HoconArray array:
                output.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    output.Append('\n').Append(' ', (indent + 1) * 2);
                    Write(output, array[i], indent + 1, hocon);
                    if (!hocon && i < array.Count - 1)
                    {
                        output.Append(',');
                    }
                }
                if (array.Count > 0)
                {
                    output.Append('\n').Append(' ', indent * 2);
                }
                output.Append(']');
                break;
            case HoconScalar { Kind: HoconScalarKind.String, Text: { } text }:
                WriteString(output, text, hocon);
                break;
            case HoconScalar scalar:
                output.Append(scalar.Text ?? "null");
                break;
        }
    }

    private static void WriteFields(StringBuilder output, HoconObject obj, int indent, bool hocon)
    {
        var index = 0;
        foreach (var (key, value) in obj)
        {
            output.Append(' ', indent * 2);
            if (hocon)
            {
                output.Append(HoconPath.RenderKey(key)).Append(value is HoconObject ? " " : " = ");
            }
            else
            {
                Quoting.AppendQuoted(output, key);
                output.Append(": ");
            }
            Write(output, value, indent, hocon);
            if (!hocon && ++index < obj.Count)
            {
                output.Append(',');
            }
            output.Append('\n');
        }
    }

    /// <summary>Multi-line text goes out as a triple-quoted string when its content allows, otherwise escaped.</summary>
    private static void WriteString(StringBuilder output, string text, bool hocon)
    {
        if (hocon && text.Contains('\n') && !text.Contains("\"\"\"", StringComparison.Ordinal) && !text.EndsWith('"'))
        {
            output.Append("\"\"\"").Append(text).Append("\"\"\"");
            return;
        }
        Quoting.AppendQuoted(output, text);
    }
}
