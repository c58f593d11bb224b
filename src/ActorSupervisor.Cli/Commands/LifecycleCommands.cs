using System.CommandLine;
using ActorSupervisor.Cli.Handlers;
using ActorSupervisor.Values;

namespace ActorSupervisor.Cli.Commands;

/// <summary><c>start</c>, <c>stop</c>, <c>restart</c>, <c>kill</c>, <c>pause</c>, <c>unpause</c>, <c>rm</c>, <c>update</c>.</summary>
internal static class LifecycleCommands
{
    public static readonly Option<int?> Time = new("--time", "-t")
    {
        Description = "Seconds to wait for it to stop before SIGKILL (default: the container's stop timeout)",
        CustomParser = WholeNumber.AtLeast(0),
    };

    public static readonly Option<string?> Signal = new("--signal", "-s") { Description = "Signal to send, name or number (default SIGKILL)" };

    public static readonly Option<bool> Force = new("--force", "-f") { Description = "Kill a running container before removing it" };

    static LifecycleCommands()
    {
        Signal.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !UnixSignal.TryParse(value, out _, out var error)) result.AddError("--signal " + error);
        });
    }

    public static IEnumerable<Command> Build(IContainerHandler handler, SettingsResolver settings)
    {
        yield return Verb("start", "Start stopped containers", LifecycleVerb.Start, handler, settings);
        yield return Verb("stop", "Stop running containers: stop signal, then SIGKILL after the timeout", LifecycleVerb.Stop, handler, settings, Time);
        yield return Verb("restart", "Stop and start containers", LifecycleVerb.Restart, handler, settings, Time);
        yield return Verb("kill", "Send a signal to running containers", LifecycleVerb.Kill, handler, settings, Signal);
        yield return Verb("pause", "Freeze running containers", LifecycleVerb.Pause, handler, settings);
        yield return Verb("unpause", "Thaw paused containers", LifecycleVerb.Unpause, handler, settings);
        var rm = Verb("rm", "Remove containers", LifecycleVerb.Remove, handler, settings, Force);
        rm.Aliases.Add("remove");
        yield return rm;
        var update = Verb("update", "Change containers' restart policy, memory limit or health check in place, without a restart", LifecycleVerb.Update, handler, settings);
        UpdateOptions.AddTo(update);
        yield return update;
    }

    private static Command Verb(string name, string description, LifecycleVerb verb, IContainerHandler handler,
        SettingsResolver settings, params Option[] options)
    {
        var containers = ContainerArguments.Many("Container names or ids");
        var command = new Command(name, description);
        command.Arguments.Add(containers);
        foreach (var option in options) command.Options.Add(option);
        command.SetAction((parse, token) => handler.LifecycleAsync(settings(parse), new LifecycleRequest(
            verb,
            parse.GetRequiredValue(containers),
            options.Contains(Time) ? parse.GetValue(Time) : null,
            options.Contains(Signal) ? parse.GetValue(Signal) : null,
            options.Contains(Force) && parse.GetValue(Force),
            verb == LifecycleVerb.Update ? UpdateOptions.ToRequest(parse) : null), token));
        return command;
    }
}
