using System.CommandLine.Parsing;
using System.CommandLine;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Commands;

/// <summary>The flags of <c>run</c> and <c>create</c> that describe a container, Docker's names where Docker has one.</summary>
internal static class SpecOptions
{
    public static readonly Option<string?> Name = new("--name") { Description = "The container's name (required unless --file gives it)" };

    public static readonly Option<string?> Runtime = new("--runtime")
    {
        Description = "process (default), docker or fake",
    };

    public static readonly Option<string?> Image = new("--image") { Description = "The image, for the docker runtime" };

    public static readonly Option<string?> Cmd = new("--cmd") { Description = "A shell command run by /bin/sh -c (instead of the exec form after --)" };

    public static readonly Option<string[]> Env = new("--env", "-e") { Description = "Environment variable KEY=VALUE (repeatable)", HelpName = "KEY=VALUE" };

    public static readonly Option<string[]> EnvFile = new("--env-file")
    {
        Description = "Read environment variables from a file: KEY=VALUE per line, KEY alone takes yours, # comments (repeatable; -e wins)",
        HelpName = "path",
    };

    public static readonly Option<string?> Workdir = new("--workdir", "-w") { Description = "Working directory" };

    public static readonly Option<string?> User = new("--user", "-u") { Description = "User to run as: name or uid, optionally user:group" };

    public static readonly Option<string[]> Label = new("--label", "-l") { Description = "Label KEY=VALUE (repeatable)", HelpName = "KEY=VALUE" };

    public static readonly Option<string?> Memory = new("--memory", "-m") { Description = "Memory limit, e.g. 512m or 1g" };

    public static readonly Option<string[]> LogOpt = new("--log-opt")
    {
        Description = "Log setting KEY=VALUE, Docker's json-file names: max-size (e.g. 10m), max-file (e.g. 3) (repeatable; default: the node's)",
        HelpName = "KEY=VALUE",
    };

    public static readonly Option<string?> StopSignal = new("--stop-signal") { Description = "Signal that asks it to stop (default SIGTERM)" };

    public static readonly Option<string?> StopTimeout = new("--stop-timeout") { Description = "Time between the stop signal and SIGKILL: seconds or a duration, e.g. 10 or 1m" };

    public static readonly Option<string?> Restart = new("--restart") { Description = "Restart policy: no, always, unless-stopped, on-failure[:max-retries]" };

    public static readonly Option<string?> File = new("--file", "-f") { Description = "Read the container(s) from a spec file instead of flags: JSON (.json) or HOCON (.conf, .hocon)", HelpName = "path" };

    public static readonly Argument<string[]> Command = new("command")
    {
        Description = "The program and its arguments (exec form); put -- before it when it has flags of its own",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option[] SpecFlags =
    [
        Name, Runtime, Image, Cmd, Env, EnvFile, Workdir, User, Label, Memory, LogOpt, StopSignal, StopTimeout, Restart,
        .. ProbeFlags.Health.All, .. ProbeFlags.Readiness.All,
    ];

    static SpecOptions()
    {
        Runtime.AcceptOnlyFromAmong("process", "docker", "fake");
        Name.Validators.Add(result => Check(result, ContainerName.TryValidate));
        Memory.Validators.Add(result => Check(result, (string value, out string error) => MemorySize.TryParse(value, out _, out error)));
        StopTimeout.Validators.Add(result => Check(result, (string value, out string error) => StopTimeoutText.TryParse(value, out _, out error)));
        Restart.Validators.Add(result => Check(result, (string value, out string error) => RestartPolicyText.TryParse(value, out _, out _, out error)));
        foreach (var pairs in new[] { Env, Label, LogOpt })
            pairs.Validators.Add(CheckPairs);
        LogOpt.Validators.Add(CheckLogOptions);
    }

    /// <summary>Adds every spec flag, --file and the command argument.</summary>
    public static void AddTo(System.CommandLine.Command command)
    {
        foreach (var option in SpecFlags) command.Options.Add(option);
        command.Options.Add(File);
        command.Arguments.Add(Command);
        command.Validators.Add(CheckCombination);
    }

    /// <summary>The container the flags describe.</summary>
    /// <param name="parse">The parsed flags.</param>
    /// <param name="environment">The caller's environment, for an env file's names without a value.</param>
    /// <exception cref="App.UsageException">An env file cannot be read or has a bad line.</exception>
    public static RawContainerSpec ToSpec(ParseResult parse, Func<string, string?> environment)
    {
        // Docker's order: the files first, then -e, so that a flag overrides a file.
        var env = (parse.GetValue(EnvFile) ?? []).SelectMany(path => Specs.EnvFile.Read(path, environment)).Concat(parse.GetValue(Env) ?? []).ToArray();
        var command = parse.GetValue(Command) ?? [];
        return new RawContainerSpec
        {
            Name = parse.GetValue(Name),
            Runtime = parse.GetValue(Runtime),
            Image = parse.GetValue(Image),
            Command = command.Length > 0 ? command : null,
            Cmd = parse.GetValue(Cmd),
            Env = Pairs(env),
            Workdir = parse.GetValue(Workdir),
            User = parse.GetValue(User),
            Labels = Pairs(parse.GetValue(Label)),
            Memory = parse.GetValue(Memory),
            LogOptions = Pairs(parse.GetValue(LogOpt)),
            StopSignal = parse.GetValue(StopSignal),
            StopTimeout = parse.GetValue(StopTimeout),
            Restart = parse.GetValue(Restart),
            Healthcheck = ProbeFlags.Health.ForSpec(parse),
            Readiness = ProbeFlags.Readiness.ForSpec(parse),
        };
    }

    private static void CheckCombination(CommandResult result)
    {
        var fromFile = result.GetResult(File) is not null;
        var flagsGiven = SpecFlags.Where(option => result.GetResult(option) is { Implicit: false }).Select(option => option.Name).ToList();
        var hasCommand = (result.GetValue(Command) ?? []).Length > 0;
        if (fromFile && (flagsGiven.Count > 0 || hasCommand))
        {
            var extra = hasCommand ? flagsGiven.Append("a command") : flagsGiven;
            result.AddError($"--file describes the containers completely; remove {string.Join(", ", extra)} or drop --file");
            return;
        }
        if (fromFile) return;
        if (result.GetResult(Name) is null)
            result.AddError("--name is required (or give --file)");
        if (hasCommand && result.GetResult(Cmd) is not null)
            result.AddError("give the command either after the flags (exec form) or with --cmd (shell form), not both");
        ProbeFlags.Health.CheckForSpec(result);
        ProbeFlags.Readiness.CheckForSpec(result);
    }

    /// <summary>Reads a value; false with a sentence that names the value and says what is accepted.</summary>
    private delegate bool ValueReader(string value, out string error);

    private static void Check(OptionResult result, ValueReader read)
    {
        var value = result.GetValueOrDefault<string?>();
        if (value is not null && !read(value, out var error))
            result.AddError($"{result.Option.Name} {error}");
    }

    private static void CheckPairs(OptionResult result)
    {
        foreach (var pair in result.GetValueOrDefault<string[]>() ?? [])
        {
            if (pair.IndexOf('=') <= 0)
                result.AddError($"{result.Option.Name} '{pair}' must be KEY=VALUE");
        }
    }

    // Each option by the rule the node reads it by, so that a bad one is refused here naming it and nothing is sent.
    private static void CheckLogOptions(OptionResult result)
    {
        foreach (var pair in result.GetValueOrDefault<string[]>() ?? [])
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0) continue;
            var option = new Dictionary<string, string> { [pair[..equals]] = pair[(equals + 1)..] };
            if (!LogOptions.TryParse(option, out _, out _, out var key, out var error))
                result.AddError($"{result.Option.Name} {key}: {error}");
        }
    }

    private static Dictionary<string, string>? Pairs(string[]? pairs)
    {
        if (pairs is null || pairs.Length == 0) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            map[pair[..equals]] = pair[(equals + 1)..];
        }
        return map;
    }
}
