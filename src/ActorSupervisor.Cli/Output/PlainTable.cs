using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorSupervisor.Cli.Output;

/// <summary>Docker-style tables: upper-case headers, no borders, columns three spaces apart.</summary>
internal static class PlainTable
{
    private const int ColumnGap = 3;

    /// <summary>
    /// A table whose <paramref name="shrink"/> column is cut with an ellipsis so that rows fit in
    /// <paramref name="width"/> columns (docker ps's way), instead of every cell wrapping; no width, no cutting.
    /// <paramref name="decorate"/> dresses that column's cells after cutting (quotes stay whole).
    /// </summary>
    public static Table Fitted(int? width, int shrink, string[] headers, IReadOnlyList<string[]> rows, Func<string, string> decorate)
    {
        var budget = Budget(width, shrink, headers, rows, decorate("").Length);
        var table = Create(headers);
        foreach (var row in rows)
            AddRow(table, row.Select((cell, column) => column == shrink ? decorate(TextFormat.Truncate(cell, budget)) : cell).ToArray());
        return table;
    }

    /// <summary>
    /// How many characters the <paramref name="shrink"/> column may take so that rows fit in <paramref name="width"/>
    /// (never less than its header); unlimited when the width is unknown. <paramref name="extra"/> counts
    /// characters added to each of its cells after cutting (quotes).
    /// </summary>
    public static int Budget(int? width, int shrink, string[] headers, IReadOnlyList<string[]> rows, int extra = 0)
    {
        if (width is not { } available) return int.MaxValue;
        var others = headers.Select((header, column) => column == shrink ? 0 : rows.Select(row => row[column].Length).Append(header.Length).Max() + ColumnGap).Sum();
        return Math.Max(headers[shrink].Length, available - others - ColumnGap - extra);
    }

    public static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.None).HideRowSeparators();
        foreach (var header in headers)
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))).Padding(0, 0, ColumnGap, 0));
        return table;
    }

    public static void AddRow(Table table, params string?[] cells) =>
        table.AddRow(cells.Select(cell => (IRenderable)Cell(cell ?? "")).ToArray());

    /// <summary>A cell that is cut with an ellipsis, not wrapped, when the terminal is too narrow (as docker ps does).</summary>
    public static Text Cell(string text, Style? style = null) => new(text, style) { Overflow = Overflow.Ellipsis };

    /// <summary>Key: value lines for one object (inspect, node info).</summary>
    public static Grid Properties(IEnumerable<(string Key, string Value)> properties)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().PadRight(2).NoWrap());
        grid.AddColumn(new GridColumn());
        foreach (var (key, value) in properties)
            grid.AddRow(new Text(key + ":", new Style(decoration: Decoration.Bold)), new Text(value));
        return grid;
    }
}
