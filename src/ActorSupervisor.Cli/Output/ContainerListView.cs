using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Client.Values;
using Spectre.Console;

namespace ActorSupervisor.Cli.Output;

/// <summary>What <c>ps</c> prints.</summary>
internal static class ContainerListView
{
    private const int CommandWidth = 30;

    public static void Write(CliOutput output, IReadOnlyList<ContainerSummary> containers, bool quiet)
    {
        if (quiet)
        {
            foreach (var container in containers) output.Line(TextFormat.ShortId(container.Id));
            return;
        }
        if (output.IsJson)
        {
            output.Json(containers, ApiJsonContext.Default.IReadOnlyListContainerSummary);
            return;
        }
        output.Render(output.IsWide ? Wide(containers, output.Now) : Narrow(containers, output.Now, output.TerminalWidth));
    }

    private static Table Narrow(IReadOnlyList<ContainerSummary> containers, DateTimeOffset now, int? width)
    {
        var rows = containers.Select(c => new[]
        {
            TextFormat.ShortId(c.Id), c.Name, TextFormat.Truncate(What(c), CommandWidth), TextFormat.Ago(c.CreatedAt, now),
            ContainerStatusText.Describe(c, now), c.RestartCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        return PlainTable.Fitted(width, shrink: 2, ["CONTAINER ID", "NAME", "COMMAND", "CREATED", "STATUS", "RESTARTS"], rows, Quote);
    }

    private static Table Wide(IReadOnlyList<ContainerSummary> containers, DateTimeOffset now)
    {
        var table = PlainTable.Create("CONTAINER ID", "NAME", "RUNTIME", "COMMAND", "CREATED", "STATUS", "RESTART", "RESTARTS", "PID", "NODE", "LABELS");
        foreach (var c in containers)
            PlainTable.AddRow(table, c.Id, c.Name, c.Runtime, Quote(What(c)), TextFormat.Ago(c.CreatedAt, now),
                ContainerStatusText.Describe(c, now), c.Restart, c.RestartCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", c.Node,
                string.Join(",", c.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
        return table;
    }

    private static string What(ContainerSummary container) =>
        container.Image is { } image ? $"{image} {container.Command}".TrimEnd() : container.Command ?? "";

    private static string Quote(string text) => $"\"{text}\"";
}
