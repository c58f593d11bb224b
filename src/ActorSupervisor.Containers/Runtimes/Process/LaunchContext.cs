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
    /// The shim every process starts through, once it leads a session (and process group) of its own: it points
    /// stdin at /dev/null and stdout/stderr at the given pipes, joins the cgroups before the program
    /// runs (so all it forks is counted and limited), then replaces itself with the program. Arguments: IN OUT ERR
    /// RECORD N CGROUP... PROGRAM ARGS... (IN "-" keeps the inherited stdin, for an exec fed by its caller; OUT "-"
    /// keeps the inherited stdout/stderr). With RECORD "-" (a probe, an exec) the shim becomes the program, same pid.
    /// Otherwise (a workload) the shim stays as the workload's keeper, outside its cgroups: a subshell joins the
    /// cgroups, writes its pid to RECORD and becomes the program; the keeper waits for it, appends its exit code to
    /// RECORD and exits with that code. A workload that ends while no node runs thus leaves its code on record. The
    /// workload stays in the keeper's process group, which the node signals: the keeper catches every signal it can
    /// with a no-op (a caught signal returns to its default at exec, so the workload starts with none caught or
    /// ignored) and runs the traps only once its workload has ended.
    /// </summary>
    private const string Shim = """
        in=$1; out=$2; err=$3; record=$4; n=$5; shift 5
        if [ "$in" != - ]; then exec 0</dev/null; fi
        if [ "$out" != - ]; then exec 1<>"$out" 2<>"$err"; fi
        if [ "$record" = - ]; then
          while [ "$n" -gt 0 ]; do echo $$ > "$1/cgroup.procs" || exit 125; shift; n=$((n-1)); done
          unset in out err record n
          exec "$@"
        fi
        trap : 1 2 3 4 5 6 7 8 10 11 12 13 14 15 16 20 21 22 24 25 26 27 29 30 31
        s=34; while [ "$s" -le 64 ]; do trap : "$s"; s=$((s+1)); done
        (
          read -r pid _ < /proc/self/stat
          while [ "$n" -gt 0 ]; do echo "$pid" > "$1/cgroup.procs" || exit 125; shift; n=$((n-1)); done
          echo "$pid" > "$record" || exit 125
          unset in out err record n pid s
          exec "$@"
        )
        code=$?
        echo "$code" >> "$record"
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
    /// How to start <paramref name="argv"/> in its own session through the shim and setsid, with Process.Start (an
    /// exec or a probe, whose output and input the caller reads and writes); with <paramref name="stdin"/> its
    /// standard input is a pipe from the caller, otherwise /dev/null.
    /// </summary>
    public ProcessStartInfo StartInfo(string setsid, IReadOnlyList<string> argv, WorkloadCgroup? cgroup, bool stdin = false)
    {
        var info = new ProcessStartInfo(setsid)
        {
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin,
        };
        info.Environment.Clear();
        foreach (var (key, value) in Environment)
        {
            info.Environment[key] = value;
        }
        foreach (var argument in ShimArguments(argv, pipes: null, cgroup, stdin))
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }

    /// <summary>
    /// Starts a workload's <paramref name="argv"/> through the shim, which stays as its keeper (see the shim), its
    /// output into <paramref name="pipes"/>, its pid and exit code into <paramref name="record"/>; returns the keeper's
    /// pid (the workload's process group) and the task of its exit, which is the workload's.
    /// </summary>
    /// <exception cref="RuntimeOperationException">The spawn failed.</exception>
    public (int Pid, Task<ChildExit> Exit) Spawn(IReadOnlyList<string> argv, OutputPipes pipes, WorkloadCgroup? cgroup, ExitRecord record) =>
        SessionSpawn.Start(ShimArguments(argv, pipes, cgroup, stdin: false, record.Path), Environment, WorkingDirectory);

    private List<string> ShimArguments(IReadOnlyList<string> argv, OutputPipes? pipes, WorkloadCgroup? cgroup, bool stdin, string record = "-")
    {
        var directories = cgroup?.Directories ?? [];
        List<string> arguments = ["/bin/sh", "-c", Shim, "asv-shim", stdin ? "-" : "null", pipes?.StdoutPath ?? "-", pipes?.StderrPath ?? "-", record];
        arguments.Add(directories.Count.ToString(CultureInfo.InvariantCulture));
        arguments.AddRange(directories);
        if (User is not null)
        {
            arguments.Add("setpriv");
            arguments.AddRange(User.SetprivArguments());
        }
        arguments.AddRange(argv);
        return arguments;
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && !OperatingSystem.IsWindows()
        && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
