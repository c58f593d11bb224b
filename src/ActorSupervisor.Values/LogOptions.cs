using System.Globalization;

namespace ActorSupervisor.Values;

/// <summary>
/// A container's log settings as Docker's json-file driver names them (<c>--log-opt max-size=10m --log-opt max-file=3</c>):
/// the one rule asv, the node's API and the node's own defaults (<c>runtimes.process.log-max-size</c> and
/// <c>log-max-file</c>) are read by. A setting a container does not give is the node's default.
/// </summary>
public static class LogOptions
{
    /// <summary>The size past which the log file is rotated, with a unit (<c>k</c>, <c>m</c>, <c>g</c>: powers of 1024; 1k to 100g).</summary>
    public const string MaxSize = "max-size";

    /// <summary>How many log files are kept, the current one included (1 to 100).</summary>
    public const string MaxFile = "max-file";

    /// <summary>Docker's driver these options belong to, as inspect shows it (<c>HostConfig.LogConfig.Type</c>).</summary>
    public const string Driver = "json-file";

    /// <summary>
    /// Reads <paramref name="options"/> (null or empty: none given); false with the option at fault in
    /// <paramref name="badKey"/> and why in <paramref name="error"/> on an unknown option or a bad value.
    /// </summary>
    public static bool TryParse(IReadOnlyDictionary<string, string>? options, out long? maxBytes, out int? maxFiles, out string badKey, out string error)
    {
        maxBytes = null;
        maxFiles = null;
        badKey = "";
        error = "";
        // Ordered, so that of several bad options the same one is named every time.
        foreach (var (key, value) in (options ?? new Dictionary<string, string>()).OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            badKey = key;
            if (key == MaxSize)
            {
                if (!TryParseSize(value, out var bytes, out error))
                    return false;
                maxBytes = bytes;
            }
            else if (key == MaxFile)
            {
                if (!TryParseFileCount(value, out var files, out error))
                    return false;
                maxFiles = files;
            }
            else
            {
                error = $"unknown log option; the options are {MaxSize} and {MaxFile} (Docker's json-file names)";
                return false;
            }
        }
        badKey = "";
        return true;
    }

    /// <summary>
    /// Reads a <c>max-size</c>: a number with a unit (<c>512k</c>, <c>10m</c>, <c>1g</c>, or <c>b</c> for bytes) within
    /// 1k..100g. A bare number is refused: <c>10</c> meant as 10m would rotate every line.
    /// </summary>
    public static bool TryParseSize(string? text, out long bytes, out string error)
    {
        bytes = 0;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length > 0 && trimmed.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            error = $"'{text}' has no unit; give one, e.g. 512k, 10m or 1g";
            return false;
        }
        if (!MemorySize.TryParse(trimmed, out bytes, out _))
        {
            error = $"'{text}' is not a size; use e.g. 512k, 10m or 1g";
            return false;
        }
        error = SpecLimits.LogFileSizeProblem(bytes) ?? "";
        return error.Length == 0;
    }

    /// <summary>Reads a <c>max-file</c>: a whole number from 1 to 100.</summary>
    public static bool TryParseFileCount(string? text, out int files, out string error)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out files))
        {
            files = 0;
            error = $"'{text}' is not a whole number; " + SpecLimits.LogFileCountProblem(0);
            return false;
        }
        error = SpecLimits.LogFileCountProblem(files) ?? "";
        return error.Length == 0;
    }

    /// <summary>
    /// A size as the options echo it, in the largest unit that keeps it exact (<c>10m</c>, <c>1536k</c>, <c>1500b</c>),
    /// which <see cref="TryParseSize"/> reads back to the same bytes.
    /// </summary>
    public static string FormatSize(long bytes)
    {
        foreach (var (unit, size) in new[] { ("g", 1L << 30), ("m", 1L << 20), ("k", 1L << 10) })
        {
            if (bytes % size == 0)
                return (bytes / size).ToString(CultureInfo.InvariantCulture) + unit;
        }
        return bytes.ToString(CultureInfo.InvariantCulture) + "b";
    }

    /// <summary>The options for a container's own settings (none of them: empty), as the API shows them.</summary>
    public static IReadOnlyDictionary<string, string> Format(long? maxBytes, int? maxFiles)
    {
        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (maxBytes is { } bytes)
            options[MaxSize] = FormatSize(bytes);
        if (maxFiles is { } files)
            options[MaxFile] = files.ToString(CultureInfo.InvariantCulture);
        return options;
    }
}
