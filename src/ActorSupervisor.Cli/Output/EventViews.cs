using System.Globalization;
using ActorSupervisor.Client.Contracts;
using Spectre.Console;

namespace ActorSupervisor.Cli.Output;

/// <summary>How events print: the <c>history</c> timeline and the lines of the <c>events</c> stream.</summary>
internal static class EventViews
{
    // The longest event type, health_status, so that the "why" column lines up in a stream.
    private const int TypeWidth = 13;

    public static void History(CliOutput output, string container, IReadOnlyList<ContainerEvent> events)
    {
        if (output.IsJson)
        {
            output.Json(events, ApiJsonContext.Default.IReadOnlyListContainerEvent);
            return;
        }
        if (events.Count == 0)
        {
            output.Line($"{container} has no recorded events.");
            return;
        }
        var first = events[0];
        output.Line($"History of {first.ContainerName} ({TextFormat.ShortId(first.ContainerId)}): {events.Count} events, " +
                     $"{TextFormat.Time(first.Time)} to {TextFormat.Time(events[^1].Time)}");
        if (output.IsWide)
        {
            var wide = PlainTable.Create("SEQ", "OFFSET", "TIME", "EVENT", "WHY", "ATTRIBUTES");
            foreach (var e in events)
                PlainTable.AddRow(wide, e.Seq.ToString(CultureInfo.InvariantCulture), e.Offset.ToString(CultureInfo.InvariantCulture),
                    TextFormat.Time(e.Time), e.Type, e.Why, Attributes(e));
            output.Render(wide);
            return;
        }
        // Rows never wrap: on a terminal of known width the sentence is cut with an ellipsis (-o wide keeps it whole).
        string[] headers = ["TIME", "EVENT", "WHY"];
        var rows = events.Select(e => new[] { TextFormat.Time(e.Time), e.Type, e.Why }).ToList();
        var budget = PlainTable.Budget(output.TerminalWidth, shrink: 2, headers, rows);
        var table = PlainTable.Create(headers);
        foreach (var e in events)
            table.AddRow(PlainTable.Cell(TextFormat.Time(e.Time)), PlainTable.Cell(e.Type, TypeStyle(e.Type)), PlainTable.Cell(TextFormat.Truncate(e.Why, budget)));
        output.Render(table);
    }

    /// <summary>One event of a stream, printed as soon as it arrives.</summary>
    public static void StreamLine(CliOutput output, ContainerEvent e)
    {
        if (output.IsJson)
        {
            output.JsonLine(e, ApiJsonContext.Default.ContainerEvent);
            return;
        }
        var line = $"{TextFormat.Time(e.Time)}  {e.Type.PadRight(TypeWidth)}  {e.ContainerName}  {e.Why}";
        if (output.IsWide) line += $"  ({Attributes(e)}; offset {e.Offset.ToString(CultureInfo.InvariantCulture)})";
        output.Line(line);
    }

    public static string Attributes(ContainerEvent e) =>
        string.Join(", ", e.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));

    private static Style TypeStyle(string type) => type switch
    {
        EventTypes.Die or EventTypes.Oom or EventTypes.GaveUp or EventTypes.Kill => new Style(Color.Red),
        EventTypes.Restart => new Style(Color.Yellow),
        EventTypes.Start or EventTypes.Create => new Style(Color.Green),
        _ => Style.Plain,
    };
}
