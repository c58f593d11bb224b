using System.Diagnostics;
using ActorSupervisor.Containers.Domain;
using System.Globalization;
using ActorSupervisor.Containers.Runtimes.Process.Cgroups;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// Everything a process of a workload is started with besides its command: environment, working directory and
/// user. A workload's probes reuse it, so they run as the workload does.
/// </summary>
internal sealed record LaunchContext(IReadOnlyDictionary<string, string> Environment, string WorkingDirectory, UserIds? User)
{
    /// <summary>
    /// The shim a probe or an exec starts through, after <c>setsid</c> has made it a session (and process group)
    /// leader: it points stdin at /dev/null (IN "-" keeps the inherited stdin, for an exec fed by its caller), joins
    /// the cgroups before the program runs (so all it forks is counted and limited), then replaces itself with the
    /// program; the pid stays the same throughout. Arguments: IN N CGROUP... PROGRAM ARGS...
    /// </summary>
    private const string Shim = """
        in=$1; n=$2; shift 2
        if [ "$in" != - ]; then exec 0</dev/null; fi
        while [ "$n" -gt 0 ]; do echo $$ > "$1/cgroup.procs" || exit 125; shift; n=$((n-1)); done
        unset in n
        exec "$@"
        """;

    /// <summary>
    /// The shim a workload starts through, after <c>setsid</c>: it stays as the workload's session leader (its pid is
    /// the workload's) and is what outlives the node for it (as containerd's shim or conmon do for Docker and Podman).
    /// Its two keepers, util-linux <c>logger</c> in sessions of their own and outside the workload's cgroup (so a stop's
    /// signals and the cleanup's kill never cut them short), drain the output pipes into the spool PID.spool, one
    /// record per line stamped when it was written: output never waits for a node. It runs the program as its child,
    /// which joins the cgroups (the shim stays outside them, as conmon does: not counted, frozen or OOM-killed with
    /// the workload) and gets the node's umask (the shim's own files are 0600); when the program ends, the shim writes
    /// its exit code to PID.exit (the file's time is the exit's). Every signal a stop or kill may send to the group is
    /// caught by the shim, which must outlive the program, from just before the program is forked (the stop signals
    /// last): a signal that comes earlier ends the shim, and with it the workload, as it ended the program before.
    /// Arguments: DIR LOGGER UMASK N CGROUP... PROGRAM ARGS...
    /// </summary>
    private const string WorkloadShim = """
        dir=$1; logger=$2; mask=$3; n=$4; shift 4
        exec 0</dev/null
        umask 077
        setsid "$logger" --no-act --stderr --socket-errors=off --rfc5424=notq,nohost --size 16384 --tag o <"$dir/stdout.pipe" >/dev/null 2>>"$dir/$$.spool" &
        o=$!
        setsid "$logger" --no-act --stderr --socket-errors=off --rfc5424=notq,nohost --size 16384 --tag e <"$dir/stderr.pipe" >/dev/null 2>>"$dir/$$.spool" &
        echo "$o $!" >"$dir/$$.keepers"
        exec 1<>"$dir/stdout.pipe" 2<>"$dir/stderr.pipe"
        for s in 4 5 6 7 8 10 11 12 13 14 16 18 20 21 22 23 24 25 26 27 28 29 30 31 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 1 3 2 15; do trap : $s; done
        (while [ "$n" -gt 0 ]; do echo 0 > "$1/cgroup.procs" || exit 125; shift; n=$((n-1)); done; umask "$mask"; exec "$@")
        code=$?
        echo "$code" >"$dir/$$.exit"
        exit "$code"
        """;

    /// <summary>The context of a new workload from its spec, checked so that a bad spec fails with a clear message.</summary>
    /// <exception cref="RuntimeOperationException">Unknown user, missing working directory.</exception>
    public static LaunchContext FromSpec(ContainerSpec spec, string defaultPath)
    {
        var user = spec.User is { Length: > 0 } u ? UserIds.Resolve(u) : null;
        var workingDirectory = spec.WorkingDirectory is { Length: > 0 } w ? w : "/";
        if (!Directory.Exists(workingDirectory))
        {
            throw new RuntimeOperationException($"working directory {workingDirectory} does not exist");
        }
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = defaultPath,
            ["HOME"] = user?.Home ?? "/root",
        };
        foreach (var (key, value) in spec.Env)
        {
            if (key.Length == 0 || key.Contains('='))
            {
                throw new RuntimeOperationException($"environment variable name '{key}' is invalid: it must be non-empty and contain no '='");
            }
            environment[key] = value;
        }
        return new LaunchContext(environment, workingDirectory, user);
    }

    /// <summary>The context of a running process, read from <c>/proc</c>, for probes of an adopted workload.</summary>
    public static LaunchContext FromRunningProcess(int pid, string defaultPath)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = defaultPath };
        UserIds? user = null;
        var workingDirectory = "/";
        try
        {
            foreach (var entry in File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = entry.IndexOf('=');
                if (equals > 0)
                {
                    environment[entry[..equals]] = entry[(equals + 1)..];
                }
            }
            workingDirectory = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: false)?.FullName ?? "/";
            var ids = File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("Uid:", StringComparison.Ordinal) || l.StartsWith("Gid:", StringComparison.Ordinal))
                .Select(l => int.Parse(l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).ToArray();
            if (ids.Length == 2 && ids[0] != 0)
            {
                user = new UserIds(ids[0], ids[1], environment.GetValueOrDefault("HOME", "/"), InPasswd: false);
            }
        }
        catch (IOException)
        {
            // It has exited meanwhile; the probe's start will say so.
        }
        return new LaunchContext(environment, workingDirectory, user);
    }

    /// <summary>
    /// The program <paramref name="argv"/> runs, found as the kernel would: a path with a slash as given (relative to
    /// the working directory), a bare name in <c>PATH</c>.
    /// </summary>
    /// <exception cref="RuntimeOperationException">Not found or not executable: Docker's message, exit code 127 or 126.</exception>
    public void CheckExecutable(IReadOnlyList<string> argv)
    {
        var program = argv[0];
        if (program.Contains('/'))
        {
            var path = Path.IsPathRooted(program) ? program : Path.Combine(WorkingDirectory, program);
            if (!File.Exists(path))
            {
                throw new RuntimeOperationException($"exec: \"{program}\": no such file or directory") { ExitCode = 127 };
            }
            if (!IsExecutable(path))
            {
                throw new RuntimeOperationException($"exec: \"{program}\": permission denied") { ExitCode = 126 };
            }
            return;
        }
        var searchPath = Environment.GetValueOrDefault("PATH", "");
        if (!searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => IsExecutable(Path.Combine(d, program))))
        {
            throw new RuntimeOperationException($"exec: \"{program}\": executable file not found in $PATH") { ExitCode = 127 };
        }
    }

    /// <summary>
    /// How to start <paramref name="argv"/> (a probe or an exec) in its own session through the shim; with
    /// <paramref name="stdin"/> its standard input is a pipe from the caller (an exec), otherwise /dev/null.
    /// </summary>
    public ProcessStartInfo StartInfo(string setsid, IReadOnlyList<string> argv, WorkloadCgroup? cgroup, bool redirect, bool stdin = false) =>
        Build(setsid, redirect, stdin, [Shim, "asv-shim", stdin ? "-" : "null"], argv, cgroup);

    /// <summary>
    /// How to start a workload: through the workload shim, its output kept by <paramref name="logger"/> in
    /// <paramref name="directory"/> (which holds stdout.pipe and stderr.pipe), the program run with <paramref name="umask"/>.
    /// </summary>
    public ProcessStartInfo WorkloadStartInfo(string setsid, string logger, string umask, string directory, IReadOnlyList<string> argv, WorkloadCgroup? cgroup) =>
        Build(setsid, redirect: false, stdin: false, [WorkloadShim, "asv-shim", directory, logger, umask], argv, cgroup);

    private ProcessStartInfo Build(string setsid, bool redirect, bool stdin, string[] shim, IReadOnlyList<string> argv, WorkloadCgroup? cgroup)
    {
        var info = new ProcessStartInfo(setsid)
        {
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
            RedirectStandardInput = stdin,
        };
        info.Environment.Clear();
        foreach (var (key, value) in Environment)
        {
            info.Environment[key] = value;
        }
        var directories = cgroup?.Directories ?? [];
        var arguments = info.ArgumentList;
        arguments.Add("/bin/sh");
        arguments.Add("-c");
        foreach (var argument in shim)
        {
            arguments.Add(argument);
        }
        arguments.Add(directories.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var directory in directories)
        {
            arguments.Add(directory);
        }
        if (User is not null)
        {
            arguments.Add("setpriv");
            foreach (var argument in User.SetprivArguments())
            {
                arguments.Add(argument);
            }
        }
        foreach (var argument in argv)
        {
            arguments.Add(argument);
        }
        return info;
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && !OperatingSystem.IsWindows()
        && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
