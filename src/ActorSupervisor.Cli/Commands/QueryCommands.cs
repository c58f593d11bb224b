using System.CommandLine;
using ActorSupervisor.Cli.Handlers;
using ActorSupervisor.Client.Values;

namespace ActorSupervisor.Cli.Commands;

/// <summary><c>ps</c>, <c>inspect</c>, <c>logs</c> and <c>history</c>: reading containers.</summary>
internal static class QueryCommands
{
    public static readonly Option<bool> All = new("--all", "-a") { Description = "Show all containers (default shows running, paused and restarting)" };

    public static readonly Option<string[]> Filter = new("--filter") { Description = "Filter: status=, health=, label=KEY[=VALUE], name=, id= (repeatable)", HelpName = "KEY=VALUE" };

    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "Only print container ids" };

    public static readonly Option<bool> Follow = new("--follow", "-f") { Description = "Keep printing new lines until interrupted or the container is removed, across node restarts" };

    public static readonly Option<string?> Tail = new("--tail", "-n") { Description = "Number of lines from the end, or all (default all)" };

    public static readonly Option<string?> Since = new("--since") { Description = "Only lines since a time (RFC 3339) or a duration ago, e.g. 10m" };

    public static readonly Option<bool> Timestamps = new("--timestamps", "-t") { Description = "Show each line's time" };

    public static readonly Option<int?> Limit = new("--limit") { Description = "Only the last N events", CustomParser = WholeNumber.AtLeast(1) };

    public static readonly Option<string?> EventsSince = new("--since") { Description = "Only events at or after a time (RFC 3339) or a duration ago, e.g. 1h" };

    public static readonly Option<string?> EventsUntil = new("--until") { Description = "Only events at or before a time (RFC 3339) or a duration ago" };

    public static readonly Option<string?> At = new("--at") { Description = "Show the containers as they were at a time (RFC 3339) or a duration ago, rebuilt from their events" };

    private static readonly string[] FilterKeys = ["status", "health", "label", "name", "id"];

    static QueryCommands()
    {
        Filter.Validators.Add(result => FilterCheck.Check(result, FilterKeys));
        Tail.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && value != "all" && !(int.TryParse(value, out var lines) && lines >= 0))
                result.AddError($"--tail '{value}' must be a number of lines 0 or more, or all");
        });
        Since.Validators.Add(TimeArgument.Check);
        EventsSince.Validators.Add(TimeArgument.Check);
        EventsUntil.Validators.Add(TimeArgument.Check);
        At.Validators.Add(TimeArgument.Check);
    }

    public static IEnumerable<Command> Build(IContainerHandler handler, SettingsResolver settings)
    {
        var ps = new Command("ps", "List containers");
        ps.Aliases.Add("ls");
        ps.Options.Add(All);
        ps.Options.Add(Filter);
        ps.Options.Add(Quiet);
        ps.SetAction((parse, token) => handler.PsAsync(settings(parse),
            new PsRequest(parse.GetValue(All), parse.GetValue(Filter) ?? [], parse.GetValue(Quiet)), token));
        yield return ps;

        var containers = ContainerArguments.Many("Containers to inspect");
        var inspect = new Command("inspect", "Show everything about containers: spec, state, restarts, health with its last results");
        inspect.Arguments.Add(containers);
        inspect.Options.Add(At);
        inspect.SetAction((parse, token) => handler.InspectAsync(settings(parse),
            new InspectRequest(parse.GetRequiredValue(containers), parse.GetValue(At)), token));
        yield return inspect;

        var logsOf = ContainerArguments.One();
        var logs = new Command("logs", "Print a container's output");
        logs.Arguments.Add(logsOf);
        logs.Options.Add(Follow);
        logs.Options.Add(Tail);
        logs.Options.Add(Since);
        logs.Options.Add(Timestamps);
        logs.SetAction((parse, token) => handler.LogsAsync(settings(parse), new LogsRequest(
            parse.GetRequiredValue(logsOf), parse.GetValue(Follow), TailLines(parse.GetValue(Tail)),
            parse.GetValue(Since), parse.GetValue(Timestamps)), token));
        yield return logs;

        var historyOf = ContainerArguments.One();
        var history = new Command("history", "A container's recorded events as a timeline: when, what, and why");
        history.Arguments.Add(historyOf);
        history.Options.Add(Limit);
        history.Options.Add(EventsSince);
        history.Options.Add(EventsUntil);
        history.SetAction((parse, token) => handler.HistoryAsync(settings(parse),
            new HistoryRequest(parse.GetRequiredValue(historyOf), parse.GetValue(Limit), parse.GetValue(EventsSince), parse.GetValue(EventsUntil)), token));
        yield return history;
    }

    private static int? TailLines(string? tail) => tail is null or "all" ? null : int.Parse(tail, System.Globalization.CultureInfo.InvariantCulture);
}
