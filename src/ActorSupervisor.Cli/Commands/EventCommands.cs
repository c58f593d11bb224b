using System.CommandLine;
using ActorSupervisor.Cli.Handlers;

namespace ActorSupervisor.Cli.Commands;

/// <summary><c>events</c>: the node's event stream.</summary>
internal static class EventCommands
{
    public static readonly Option<bool> Follow = new("--follow", "-f") { Description = "Keep streaming new events until interrupted" };

    public static readonly Option<string?> Since = new("--since") { Description = "Start after an event offset, at a time (RFC 3339), or a duration ago (10m)" };

    public static readonly Option<string?> Until = new("--until") { Description = "Stop at an event offset, a time, or a duration ago" };

    public static readonly Option<string[]> Filter = new("--filter") { Description = "Filter: container=NAME, type=EVENT (repeatable; same key = or)", HelpName = "KEY=VALUE" };

    static EventCommands()
    {
        Since.Validators.Add(TimeArgument.CheckOrOffset);
        Until.Validators.Add(TimeArgument.CheckOrOffset);
        Filter.Validators.Add(result => FilterCheck.Check(result, ["container", "type"]));
    }

    public static Command Build(IEventsHandler handler, SettingsResolver settings)
    {
        var events = new Command("events", "Print recorded events; with -f keep streaming new ones until interrupted, across node restarts");
        events.Options.Add(Follow);
        events.Options.Add(Since);
        events.Options.Add(Until);
        events.Options.Add(Filter);
        events.SetAction((parse, token) => handler.EventsAsync(settings(parse), new EventsRequest(
            parse.GetValue(Follow), parse.GetValue(Since), parse.GetValue(Until), parse.GetValue(Filter) ?? []), token));
        return events;
    }
}
