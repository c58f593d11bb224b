using System.CommandLine;
using ActorSupervisor.Cli.Handlers;

namespace ActorSupervisor.Cli.Commands;

/// <summary><c>run</c> and <c>create</c>: a new container from flags or a spec file.</summary>
internal static class RunCommands
{
    /// <summary>Docker's <c>run -d</c>, accepted so that Docker habits work; asv run always returns once the container started.</summary>
    public static readonly Option<bool> Detach = new("--detach", "-d")
    {
        Description = "Accepted for Docker compatibility and ignored: run always returns once the container has started (follow it with asv logs -f)",
    };

    public static IEnumerable<Command> Build(IContainerHandler handler, SettingsResolver settings, Func<string, string?> environment)
    {
        yield return Make("run", "Create a container and start it", start: true, handler, settings, environment);
        yield return Make("create", "Create a container without starting it", start: false, handler, settings, environment);
    }

    private static Command Make(string name, string description, bool start, IContainerHandler handler, SettingsResolver settings, Func<string, string?> environment)
    {
        var command = new Command(name, description);
        SpecOptions.AddTo(command);
        if (start) command.Options.Add(Detach);
        command.SetAction((parse, token) =>
        {
            var file = parse.GetValue(SpecOptions.File);
            var request = file is null
                ? new RunRequest(SpecOptions.ToSpec(parse, environment), null, start)
                : new RunRequest(null, file, start);
            return handler.RunAsync(settings(parse), request, token);
        });
        return command;
    }
}
