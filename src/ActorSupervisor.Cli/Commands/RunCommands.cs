using System.CommandLine;
using ActorSupervisor.Cli.Handlers;

namespace ActorSupervisor.Cli.Commands;

/// <summary><c>run</c> and <c>create</c>: a new container from flags or a spec file.</summary>
internal static class RunCommands
{
    public static IEnumerable<Command> Build(IContainerHandler handler, SettingsResolver settings)
    {
        yield return Make("run", "Create a container and start it", start: true, handler, settings);
        yield return Make("create", "Create a container without starting it", start: false, handler, settings);
    }

    private static Command Make(string name, string description, bool start, IContainerHandler handler, SettingsResolver settings)
    {
        var command = new Command(name, description);
        SpecOptions.AddTo(command);
        command.SetAction((parse, token) =>
        {
            var file = parse.GetValue(SpecOptions.File);
            var request = file is null
                ? new RunRequest(SpecOptions.ToSpec(parse), null, start)
                : new RunRequest(null, file, start);
            return handler.RunAsync(settings(parse), request, token);
        });
        return command;
    }
}
