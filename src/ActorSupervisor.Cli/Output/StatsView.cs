using System.Globalization;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Output;

/// <summary>What <c>stats</c> prints: Docker's columns and units, CPU % from two readings.</summary>
internal static class StatsView
{
    /// <summary>Time between two readings (Docker's stats refresh about as often).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private const string ClearScreen = "\u001b[H\u001b[2J";

    /// <summary>The table of <paramref name="current"/>, CPU % against <paramref name="previous"/>; <paramref name="clear"/> redraws in place.</summary>
    public static void Write(CliOutput output, IReadOnlyList<ContainerStats> previous, IReadOnlyList<ContainerStats> current, bool clear)
    {
        if (output.IsJson)
        {
            output.JsonLine(current, ApiJsonContext.Default.IReadOnlyListContainerStats);
            return;
        }
        if (clear)
            output.Line(ClearScreen.TrimEnd());
        var before = previous.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var table = PlainTable.Create("CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS");
        foreach (var s in current)
        {
            PlainTable.AddRow(table,
                output.IsWide ? s.Id : TextFormat.ShortId(s.Id),
                s.Name,
                Percent(CpuPercent(before.GetValueOrDefault(s.Id), s)),
                $"{Binary(s.MemoryBytes)} / {(s.MemoryLimitBytes is { } limit ? Binary(limit) : "-")}",
                Percent(s.MemoryLimitBytes is > 0 ? 100.0 * s.MemoryBytes / s.MemoryLimitBytes.Value : null),
                Pair(s.NetReceivedBytes, s.NetSentBytes),
                Pair(s.BlockReadBytes, s.BlockWriteBytes),
                s.Pids.ToString(CultureInfo.InvariantCulture));
        }
        output.Render(table);
    }

    /// <summary>CPU time used between the readings over the time between them, 100 per busy core; null for a first reading.</summary>
    public static double? CpuPercent(ContainerStats? before, ContainerStats now)
    {
        if (before is null || now.Time <= before.Time || now.CpuNanoseconds < before.CpuNanoseconds)
            return null;
        var wallNanoseconds = (now.Time - before.Time).Ticks * 100.0;
        return 100.0 * (now.CpuNanoseconds - before.CpuNanoseconds) / wallNanoseconds;
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Pair(long? first, long? second) => first is null && second is null ? "-" : $"{Decimal(first ?? 0)} / {Decimal(second ?? 0)}";

    /// <summary>Docker's memory sizes: powers of 1024, four significant digits (<c>1.532MiB</c>).</summary>
    public static string Binary(long bytes) => Scaled(bytes, 1024, ["B", "KiB", "MiB", "GiB", "TiB", "PiB"], "G4");

    /// <summary>Docker's I/O sizes: powers of 1000, three significant digits (<c>1.23kB</c>).</summary>
    public static string Decimal(long bytes) => Scaled(bytes, 1000, ["B", "kB", "MB", "GB", "TB", "PB"], "G3");

    private static string Scaled(long bytes, double unit, string[] names, string format)
    {
        double value = bytes;
        var index = 0;
        while (value >= unit && index < names.Length - 1)
        {
            value /= unit;
            index++;
        }
        return value.ToString(format, CultureInfo.InvariantCulture) + names[index];
    }
}
