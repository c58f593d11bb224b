using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorSupervisor.Client;

namespace ActorSupervisor.Tests.Shared;

/// <summary>
/// The node as a real process (<c>dotnet ActorSupervisor.Node.dll --config FILE</c>) on a free loopback port
/// with its own data directory, driving real processes. Restartable on the same data, killable with SIGKILL.
/// Disposing removes every container with force (so no workload outlives the test) and stops the node.
/// The node generates its API token into <c>data/api.token</c>; <see cref="Client"/> sends it once the node is ready.
/// Each node keeps its workloads under a cgroup parent of its own: nodes sharing one kill each other's workloads at start.
/// A <see cref="NodeHost"/> puts it elsewhere: its API on another address, launched through a prefix (a network namespace).
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> TokenFilesByAuthority = new(StringComparer.OrdinalIgnoreCase);
    private readonly StringBuilder _output = new();
    private Process? _process;
    private ActorSupervisorClient? _client;

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly (int Uid, int Gid)? _user;
    private readonly NodeHost _host;

    private NodeProcess(string directory, int port, IReadOnlyDictionary<string, string>? environment, (int Uid, int Gid)? user, NodeHost? host)
    {
        Directory = directory;
        Port = port;
        _environment = environment ?? new Dictionary<string, string>();
        _user = user;
        _host = host ?? NodeHost.Loopback;
    }

    /// <summary>The node's working directory: its configuration and data.</summary>
    public string Directory { get; }

    /// <summary>The API port.</summary>
    public int Port { get; }

    /// <summary>The cgroup mounts a workload's cgroup may sit under (v1 memory and freezer, the hybrid's unified, v2).</summary>
    public static IReadOnlyList<string> CgroupMounts { get; } = ["/sys/fs/cgroup/memory", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup/unified", "/sys/fs/cgroup"];

    /// <summary>The node's cgroup parent (its <c>runtimes.process.cgroup-parent</c>, unless the test's HOCON sets another).</summary>
    public string CgroupParent => "asv-" + Path.GetFileName(Directory);

    /// <summary>The API's address.</summary>
    public Uri Url => new($"http://{_host.Address}:{Port}");

    /// <summary>A client for the node, with its token.</summary>
    public ActorSupervisorClient Client => _client ??= new ActorSupervisorClient(Url, Token);

    /// <summary>The node's data directory.</summary>
    public string DataDirectory => Path.Combine(Directory, "data");

    /// <summary>
    /// The file with the node's API token: on loopback the one the node generated; beyond loopback, where the node
    /// requires a token set in its configuration, the one the test generated for it (mode 0600).
    /// </summary>
    public string TokenFile => _host.IsLoopback ? Path.Combine(DataDirectory, "api.token") : Path.Combine(Directory, "api.token");

    /// <summary>The node's API token.</summary>
    public string Token => File.ReadAllText(TokenFile).Trim();

    /// <summary>The token file of the node started by this test run on <paramref name="url"/>'s address and port, or null for another address.</summary>
    public static string? TokenFileOf(Uri url) => TokenFilesByAuthority.TryGetValue(url.Authority, out var file) ? file : null;

    /// <summary>Whether the node process has ended (it stops itself after leaving a cluster).</summary>
    public bool HasExited => _process is { HasExited: true };

    /// <summary>The node process's id (to freeze it with SIGSTOP, for one).</summary>
    public int Pid => _process!.Id;

    /// <summary>The node process's exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process!.ExitCode;

    /// <summary>What the node printed so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>
    /// Writes a configuration with <paramref name="extra"/> HOCON (containers, settings) and starts the node, with
    /// <paramref name="environment"/> added to its environment.
    /// </summary>
    /// <param name="extra">HOCON appended to the configuration.</param>
    /// <param name="environment">Variables added to the node's environment.</param>
    /// <param name="prepareDataDirectory">Called with the (not yet existing) data directory before the node first starts (e.g. to mount a small file system there).</param>
    /// <param name="waitUntilReady">False for a node that is not meant to get ready (one a cluster refuses): the process is started and returned at once.</param>
    /// <param name="user">
    /// Runs the node as this user and group instead of the test's (which must be root to switch): its directory is
    /// handed to that user, and its HOME and XDG_RUNTIME_DIR (where a node not run by root keeps its cgroup-parent lock) are in it.
    /// </param>
    /// <param name="host">Where the node runs: its API's address and its launcher (by default loopback, started directly).</param>
    public static async Task<NodeProcess> StartAsync(string extra = "", IReadOnlyDictionary<string, string>? environment = null, Action<string>? prepareDataDirectory = null,
        bool waitUntilReady = true, (int Uid, int Gid)? user = null, NodeHost? host = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("asv-e2e-").FullName;
        var node = new NodeProcess(directory, FreePort(), environment, user, host);
        prepareDataDirectory?.Invoke(node.DataDirectory);
        var token = "";
        if (!node._host.IsLoopback)
        {
            token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // a secret: private from the first byte
            await using var file = new FileStream(node.TokenFile, options);
            await file.WriteAsync(System.Text.Encoding.ASCII.GetBytes(token));
        }
        await File.WriteAllTextAsync(node.ConfigFile, $$"""
            actor-supervisor.node {
              id = e2e
              data-dir = "{{node.DataDirectory}}"
              api.host = "{{node._host.Address}}"
              {{(token.Length > 0 ? $"api.token = \"{token}\"" : "")}}
              api.port = {{node.Port}}
              runtimes.docker.enabled = false
              runtimes.process.monitor-interval = 50ms
              # Its own cgroup parent: a node refuses a parent another live node on this machine holds (tests run in parallel).
              runtimes.process.cgroup-parent = "{{node.CgroupParent}}"
            }
            {{extra}}
            """);
        TokenFilesByAuthority[node.Url.Authority] = node.TokenFile;
        if (user is { } owner)
            await RunAsync("chown", "-R", $"{owner.Uid}:{owner.Gid}", directory);
        if (waitUntilReady)
            await node.StartAgainAsync();
        else
            node.Launch();
        return node;
    }

    private string ConfigFile => Path.Combine(Directory, "node.conf");

    /// <summary>Starts the node process (again, on the same data) and waits until it is ready.</summary>
    public async Task StartAgainAsync()
    {
        var process = Launch();
        using var probe = new ActorSupervisorClient(Url); // the probes need no token
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"the node exited with {process.ExitCode}:\n{await FinalOutputAsync()}");
                try
                {
                    return await probe.IsReadyAsync();
                }
                catch (NodeUnreachableException)
                {
                    return false;
                }
            }, "the node is ready", TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException e)
        {
            // A node that never got ready must not outlive the test (nobody holds it to dispose it).
            process.Kill();
            await process.WaitForExitAsync();
            throw new TimeoutException($"{e.Message}; the node printed:\n{Output}", e);
        }
    }

    /// <summary>Starts the node process with its output collected, without waiting for anything.</summary>
    private Process Launch()
    {
        List<string> command = [.. _host.Launcher];
        if (_user is { } user)
            // setpriv execs the node with the user's ids and no supplementary groups: the process (and every workload) is that user's.
            command.AddRange(["setpriv", $"--reuid={user.Uid}", $"--regid={user.Gid}", "--clear-groups"]);
        command.AddRange(["dotnet", Path.Combine(AppContext.BaseDirectory, "ActorSupervisor.Node.dll"), "--config", ConfigFile]);
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command[1..])
            start.ArgumentList.Add(argument);
        if (_user is not null)
        {
            start.Environment["HOME"] = Directory;
            start.Environment["XDG_RUNTIME_DIR"] = Directory;
        }
        foreach (var (key, value) in _environment)
            start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return _process;
    }

    /// <summary>
    /// What the node printed, read to the end of its pipes: the process may be seen exited before its last lines are read.
    /// Waits for the node to exit and its output to end, at most <paramref name="patience"/> (10 s by default).
    /// </summary>
    public async Task<string> FinalOutputAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(10));
        try
        {
            await _process!.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Still running, or a pipe held open by a child: what was read so far.
        }
        return Output;
    }

    /// <summary>Kills the node with SIGKILL: no shutdown at all; workloads keep running.</summary>
    public async Task KillAsync()
    {
        _process!.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends <paramref name="signal"/> (a name: STOP, CONT, TERM) to the node's process.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Stops the node with SIGTERM (an orderly shutdown) and waits for it to exit.</summary>
    public async Task<int> StopAsync()
    {
        if (_process is null || _process.HasExited)
            return _process?.ExitCode ?? 0;
        Signal("TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            try
            {
                foreach (var container in await Client.ListContainersAsync(all: true))
                    await Client.RemoveContainerAsync(container.Id, force: true);
            }
            catch (Exception e) when (e is ApiException or NodeUnreachableException or HttpRequestException or TaskCanceledException)
            {
                // A clean-up the loaded node did not answer in time (503, a timeout) must not fail the test class nor
                // leave the node running: what still runs is killed through its cgroups once the node is stopped.
            }
            try
            {
                await StopAsync();
            }
            catch (OperationCanceledException)
            {
                // It did not stop within a minute of SIGTERM: it must not outlive the test.
                await KillAsync();
            }
        }
        RemoveCgroupTree(CgroupParent);
        _client?.Dispose();
        TokenFilesByAuthority.TryRemove(Url.Authority, out _);
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    /// <summary>
    /// Kills whatever still runs in the cgroups a node made under <paramref name="parent"/> (a clean-up the node did not
    /// answer, a node killed with its workloads) and removes them in every hierarchy, so test runs leave none behind.
    /// </summary>
    public static void RemoveCgroupTree(string parent)
    {
        foreach (var directory in CgroupMounts.Select(mount => Path.Combine(mount, parent)).Where(System.IO.Directory.Exists))
        {
            foreach (var child in System.IO.Directory.GetDirectories(directory))
            {
                KillAll(Path.Combine(child, "cgroup.procs"));
                TryDelete(child);
            }
            TryDelete(directory);
        }
    }

    private static void KillAll(string procs)
    {
        string[] pids;
        try
        {
            pids = File.ReadAllLines(procs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // gone meanwhile
        }
        foreach (var line in pids)
        {
            if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Ended already.
            }
        }
    }

    /// <summary>Removes an emptied cgroup, waiting a moment for the kernel to let its killed processes go.</summary>
    private static void TryDelete(string directory)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                System.IO.Directory.Delete(directory);
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(50);
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}");
    }

    /// <summary>A loopback port nothing listens on (as of now).</summary>
    public static int FreePort() => ProbeServer.FreePort();
}

/// <summary>
/// Where a node process runs: the address its API binds (and the test reaches it on) and the command prefix that
/// launches it (e.g. <see cref="NetworkNamespaces.Launcher"/>; empty = started directly). The launcher must exec the node,
/// not fork it, so that the process the test holds (its pid, its SIGKILL) is the node.
/// </summary>
public sealed record NodeHost(string Address, IReadOnlyList<string> Launcher)
{
    /// <summary>Loopback, started directly: the default.</summary>
    public static NodeHost Loopback { get; } = new("127.0.0.1", []);

    /// <summary>Whether the API binds loopback (where the node may generate its own token).</summary>
    public bool IsLoopback => System.Net.IPAddress.TryParse(Address, out var address) && System.Net.IPAddress.IsLoopback(address);
}
