using System.CommandLine;
using ActorSupervisor.Cli.Handlers;

namespace ActorSupervisor.Cli.Commands;

/// <summary><c>exec</c> and <c>stats</c>: reaching into running workloads.</summary>
internal static class WorkloadCommands
{
    public static readonly Option<bool> Interactive = new("--interactive", "-i") { Description = "Feed asv's stdin to the command until it ends (a pipe or the terminal)" };

    public static readonly Option<bool> Tty = new("--tty", "-t")
    {
        Description = "Give the command a terminal (Docker runtime only; the process runtime refuses it). Input still goes line by line: asv does not switch your terminal to raw mode",
    };

    public static readonly Option<bool> NoStream = new("--no-stream") { Description = "Print one reading and exit, instead of refreshing every second until interrupted" };

    /// <summary>The name of the exec verb, for <see cref="ExecArguments"/>.</summary>
    public const string ExecVerb = "exec";

    public static IEnumerable<Command> Build(IWorkloadHandler handler, SettingsResolver settings)
    {
        var container = ContainerArguments.One();
        var command = new Argument<string[]>("command")
        {
            Description = "The program and its arguments; everything after the container is the command's, flags included",
            Arity = ArgumentArity.OneOrMore,
        };
        var exec = new Command(ExecVerb, "Run a command in a running container: in its cgroup, as its user, in its directory, with its environment; exits with the command's exit code");
        exec.Options.Add(Interactive);
        exec.Options.Add(Tty);
        exec.Arguments.Add(container);
        exec.Arguments.Add(command);
        exec.SetAction((parse, token) => handler.ExecAsync(settings(parse), new ExecRequest(
            parse.GetRequiredValue(container), parse.GetRequiredValue(command), parse.GetValue(Interactive), parse.GetValue(Tty)), token));
        yield return exec;

        var containers = new Argument<string[]>("containers") { Description = "Containers to show (default: every running one)", Arity = ArgumentArity.ZeroOrMore };
        var stats = new Command("stats", "Live resource use of running containers: CPU %, memory and limit, network and block I/O, processes");
        stats.Options.Add(NoStream);
        stats.Arguments.Add(containers);
        stats.SetAction((parse, token) => handler.StatsAsync(settings(parse), new StatsRequest(parse.GetValue(containers) ?? [], parse.GetValue(NoStream)), token));
        yield return stats;
    }
}
