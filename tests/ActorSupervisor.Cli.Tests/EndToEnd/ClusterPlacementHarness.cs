using System.Collections.Concurrent;
using System.Globalization;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Runtimes.Docker;
using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Values.Specs;
using Npgsql;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// Three real node processes on loopback sharing a PostgreSQL database of their own (ASV_TEST_PG), each with its own
/// cgroup parent, so that where a workload runs is read from the host itself: a container's workload runs on node N
/// when its cgroup under node N's parent has a process. A <see cref="Watcher"/> samples that every 100 ms.
/// <see cref="StartInNamespacesAsync"/> puts each node in a network namespace of its own instead (see <see cref="Network"/>);
/// <see cref="StartWithDockerAsync"/> runs the workloads on the test's Docker engine, under each node's slice.
/// </summary>
internal sealed partial class ClusterPlacementHarness : IAsyncDisposable
{
    /// <summary>
    /// The fast fail-over chain these tests run with: quick enough for a 2-minute test; the product's default
    /// stable-after, which ./bench.sh cluster measures, is slower (hocon/reference.conf says why).
    /// </summary>
    public const string FastFailover = "akka.cluster.split-brain-resolver.stable-after = 2s";

    private readonly Action<string> _output;
    private readonly string _database;
    private readonly string _connection;
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly int[] _ports;
    private readonly string _stamps = Directory.CreateTempSubdirectory("asv-stamps-").FullName;
    private TestCertificates? _certificates;
    private string _nodeConnection;
    private DockerRuntime[]? _docker; // one per node, to list its workloads on the engine
    private readonly List<string> _created = [];

    private ClusterPlacementHarness(Action<string> output, string database, string connection, int count, NetworkNamespaces? network)
    {
        _output = output;
        _database = database;
        _connection = connection;
        _nodeConnection = connection;
        Network = network;
        _ports = Enumerable.Range(0, count).Select(_ => NodeProcess.FreePort()).ToArray();
    }

    public List<NodeProcess> Nodes { get; } = [];

    /// <summary>The nodes' network namespaces (null for nodes on loopback); the harness deletes them after stopping the nodes.</summary>
    public NetworkNamespaces? Network { get; }

    /// <summary>
    /// Starts <paramref name="count"/> nodes (node-1 first, the others joining it one at a time) with
    /// <paramref name="extra"/> HOCON after the node section (by default the fast fail-over chain).
    /// </summary>
    public static Task<ClusterPlacementHarness> StartAsync(Action<string> output, int count = 3, string extra = FastFailover) =>
        StartAsync(output, count, extra, network: null);

    /// <summary>
    /// Starts <paramref name="count"/> nodes as <see cref="StartAsync(Action{string}, int, string)"/> does, each in a network
    /// namespace of its own on a private bridge (<see cref="Network"/>): remoting and API bind the namespace's address,
    /// remoting speaks mutual TLS with test certificates (as a node beyond loopback must), and PostgreSQL is reached
    /// through its unix socket, which no network cut touches.
    /// </summary>
    public static async Task<ClusterPlacementHarness> StartInNamespacesAsync(Action<string> output, int count = 3, string extra = FastFailover) =>
        await StartAsync(output, count, extra, await NetworkNamespaces.CreateAsync(count));

    /// <summary>
    /// Starts 3 nodes on loopback whose workloads run on the test's Docker engine (tests/services/docker.sh), each node's
    /// under its own slice (asv_docker_node_N.slice), where the harness reads where they run. The workloads make no stamps.
    /// </summary>
    public static Task<ClusterPlacementHarness> StartWithDockerAsync(Action<string> output) =>
        StartAsync(output, 3, FastFailover, network: null, docker: true);

    private static async Task<ClusterPlacementHarness> StartAsync(Action<string> output, int count, string extra, NetworkNamespaces? network, bool docker = false)
    {
        var (connection, database) = ClusterNodeConfig.CreateDatabase("asv_place");
        var harness = new ClusterPlacementHarness(output, database, connection, count, network);
        try
        {
            if (docker)
                harness._docker = [.. Enumerable.Range(1, count).Select(n => new DockerRuntime(new DockerRuntimeOptions { SocketPath = DockerEngine.Socket, NodeId = $"node-{n}" }))];
            if (network is not null)
            {
                harness._certificates = TestCertificates.Create();
                harness._nodeConnection = await UnixSocketConnectionAsync(database);
            }
            // One at a time, each up before the next starts: each started node is the harness's to stop, whatever fails next, and a
            // loaded CI joins them faster so.
            for (var n = 1; n <= count; n++)
            {
                harness.Nodes.Add(await NodeProcess.StartAsync(harness.Config(n, extra), host: harness.Host(n)));
                await harness.AllMembersUpAsync();
            }
        }
        catch
        {
            harness.PrintOutputs();
            await harness.DisposeAsync();
            throw;
        }
        return harness;
    }

    /// <summary>
    /// The workload of every test container: it appends "pid time" to its container's stamp file every 100 ms, with no
    /// fork (bash's clock, a read with a timeout as the sleep), so that two live copies show as interleaved stamps of
    /// two pids whatever the cgroups say (see <see cref="StampOverlaps"/>).
    /// </summary>
    private const string StampScript = """
        fifo=${TMPDIR:-/tmp}/asv-stamp-$$.tick; mkfifo "$fifo" && exec 3<>"$fifo"; rm -f "$fifo"
        while :; do echo "$$ $EPOCHREALTIME" >> "$1"; read -r -t 0.1 -u 3 _; done
        """;

    /// <summary>The node's API, raw: for what the typed client does not show (headers such as Retry-After).</summary>
    public static HttpClient RawApi(NodeProcess node)
    {
        var http = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", node.Token);
        return http;
    }

    /// <summary>Waits until node-1 lists every started node up; a timeout names each member's status as node-1 saw it last.</summary>
    public async Task AllMembersUpAsync() =>
        await Eventually.ValueAsync(async () =>
            {
                if (Nodes.FindIndex(n => n.HasExited) is var exited and >= 0)
                    throw new InvalidOperationException($"node-{exited + 1} exited with {Nodes[exited].ExitCode} before every node was up");
                return string.Join(' ', (await Nodes[0].Client.GetClusterMembersAsync()).Members.Select(m => $"{m.NodeId}{(m.Unreachable ? "(unreachable)" : "")}:{m.Status}"));
            },
            members => members.Split(' ').Count(m => m.EndsWith(":up", StringComparison.Ordinal)) == Nodes.Count,
            $"{Nodes.Count} members up", TimeSpan.FromSeconds(60));

    /// <summary>Creates <paramref name="count"/> containers (restart always) through node-1 and waits until each runs somewhere.</summary>
    public async Task<IReadOnlyList<string>> CreateContainersAsync(int count)
    {
        await AllMembersUpAsync();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var spec = _docker is null
                ? new RawContainerSpec { Name = $"w{i}", Command = ["/bin/bash", "-c", StampScript, "asv-stamp", Path.Combine(_stamps, $"w{i}")], Restart = "always" }
                : new RawContainerSpec { Name = $"w{i}", Image = DockerEngine.Image, Command = ["sleep", "3600"], Restart = "always" };
            ids.Add(await Nodes[0].Client.CreateRetryingAsync(spec, _output));
            _created.Add(ids[^1]);
        }
        await Eventually.TrueAsync(() => ids.All(id => Placement().ContainsKey(id)), "every container's workload runs on a node", TimeSpan.FromSeconds(60));
        return ids;
    }

    /// <summary>The cluster as node-1 sees it; null while it does not answer (busy: the next poll tells).</summary>
    public async Task<ClusterView?> Node1ViewAsync()
    {
        try
        {
            return await Nodes[0].Client.GetClusterMembersAsync();
        }
        catch (Exception e) when (e is HttpRequestException or ApiException or NodeUnreachableException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Which node (index) runs a live workload of each container now; a container on two nodes shows once here (see <see cref="Watcher"/>).</summary>
    public Dictionary<string, int> Placement()
    {
        var placement = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (container, node) in LiveWorkloads()) placement[container] = node;
        return placement;
    }

    /// <summary>Every (container, node) pair with a live process in that node's cgroup of the container.</summary>
    public IEnumerable<(string Container, int Node)> LiveWorkloads()
    {
        if (_docker is not null)
        {
            // The engine's own view: what runs labelled with each node (a frozen node's fence kills through the cgroups, which the engine sees).
            for (var node = 0; node < _docker.Length; node++)
                foreach (var container in _docker[node].ListHostWorkloads())
                    yield return (container, node);
            yield break;
        }
        for (var node = 0; node < _ports.Length; node++)
        {
            if (CgroupParent(node) is not { } parent) continue;
            string[] children;
            try
            {
                children = Directory.GetDirectories(parent);
            }
            catch (DirectoryNotFoundException)
            {
                continue;
            }
            foreach (var child in children)
            {
                string procs;
                try
                {
                    procs = File.ReadAllText(Path.Combine(child, "cgroup.procs"));
                }
                catch (IOException)
                {
                    continue;
                }
                if (procs.Trim().Length > 0) yield return (Path.GetFileName(child), node);
            }
        }
    }

    /// <summary>The processes of each container's workload now, per node: "node:pid pid ..." (a killed or restarted workload changes it).</summary>
    public Dictionary<string, string> WorkloadPids()
    {
        var pids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var node = 0; node < _ports.Length; node++)
        {
            if (CgroupParent(node) is not { } parent || !Directory.Exists(parent)) continue;
            foreach (var child in Directory.GetDirectories(parent))
            {
                try
                {
                    var procs = File.ReadAllText(Path.Combine(child, "cgroup.procs")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
                    var text = string.Join(' ', procs);
                    if (text.Length > 0) pids[Path.GetFileName(child)] = $"node-{node + 1}: {text}";
                }
                catch (IOException)
                {
                    // the cgroup went away between the listing and the read
                }
            }
        }
        return pids;
    }

    /// <summary>
    /// The double runs the workloads saw themselves: for each container, every pair of its processes whose stamps
    /// interleave (one stamped between the other's first and last stamp), i.e. two copies alive at once.
    /// </summary>
    public IReadOnlyList<string> StampOverlaps()
    {
        var overlaps = new List<string>();
        foreach (var file in Directory.GetFiles(_stamps))
        {
            var runs = Stamps(file)
                .GroupBy(parts => parts[0], parts => decimal.Parse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture))
                .Select(g => (Pid: g.Key, First: g.Min(), Last: g.Max()))
                .OrderBy(r => r.First)
                .ToList();
            for (var i = 1; i < runs.Count; i++)
            {
                if (runs.Take(i).FirstOrDefault(r => r.Last >= runs[i].First) is { Pid: not null } earlier)
                    overlaps.Add($"{Path.GetFileName(file)}: pid {earlier.Pid} stamped until {Time(earlier.Last)}, pid {runs[i].Pid} from {Time(runs[i].First)}");
            }
        }
        return overlaps;

        static string Time(decimal epoch) => DateTimeOffset.FromUnixTimeMilliseconds((long)(epoch * 1000)).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
    }

    /// <summary>How many stamps the workloads wrote, and by how many processes (a check that the stamps were taken at all).</summary>
    public (int Stamps, int Processes) StampCount()
    {
        var lines = Directory.GetFiles(_stamps).SelectMany(Stamps).ToList();
        return (lines.Count, lines.Select(p => p[0]).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>A stamp file's whole lines as (pid, time); a line still being written is left out.</summary>
    private static IEnumerable<string[]> Stamps(string file) =>
        File.ReadAllLines(file).Where(line => StampLine().IsMatch(line)).Select(line => line.Split(' '));

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+ \d{10}\.\d{6}$")]
    private static partial System.Text.RegularExpressions.Regex StampLine();

    /// <summary>
    /// How long after now the leases node <paramref name="node"/> holds stay its own on PostgreSQL's clock (the latest
    /// expiry of its rows; negative once all expired), or null when it holds none.
    /// </summary>
    public async Task<TimeSpan?> LeaseExpiryAsync(int node)
    {
        await using var connection = new NpgsqlConnection(_connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT max(expires_at) - now() FROM asv_leases WHERE owner = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"asv@{Host(node + 1).Address}:{_ports[node]}" });
        return await command.ExecuteScalarAsync() is TimeSpan left ? left : null;
    }

    /// <summary>
    /// A PostgreSQL outage for this cluster alone: its database refuses new connections and its open ones are ended
    /// (what a server restart does to its clients), until the returned handle is disposed. Other tests' databases on the
    /// same server are untouched.
    /// </summary>
    public async Task<IAsyncDisposable> CutOffDatabaseAsync()
    {
        await AdminAsync($"ALTER DATABASE {_database} WITH ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_database}'");
        return new Outage(this);
    }

    private async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Outage(ClusterPlacementHarness harness) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await harness.AdminAsync($"ALTER DATABASE {harness._database} WITH ALLOW_CONNECTIONS true");
    }

    /// <summary>Samples every node's workloads every 100 ms until disposed; <see cref="DoubleRuns"/> lists every sample that saw a container on two nodes.</summary>
    public Watcher Watch() => new(this);

    public async ValueTask DisposeAsync()
    {
        // A node still cut off could not be stopped through its API.
        if (Network is not null) await Network.HealAllAsync();
        foreach (var node in Nodes)
        {
            try
            {
                await node.DisposeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _output($"stopping {node.Url}: {e.Message}");
            }
        }
        // Kills a node that would not stop (and what runs in its namespace) before its cgroups are emptied, so it cannot restart a workload there.
        if (Network is not null) await Network.DisposeAsync();
        for (var node = 0; node < _ports.Length; node++)
            NodeProcess.RemoveCgroupTree(Parent(node));
        if (_docker is not null)
        {
            await DockerEngine.RemoveContainersAsync(_created);
            foreach (var runtime in _docker)
            {
                // The node's slice in every hierarchy the engine made it in (only these nodes' containers ran there).
                foreach (var slice in runtime.WorkloadGroupParents.Select(Path.GetFileName).OfType<string>().Distinct())
                    NodeProcess.RemoveCgroupTree(slice);
                await runtime.DisposeAsync();
            }
        }
        Directory.Delete(_stamps, recursive: true);
        _certificates?.Dispose();
        ClusterNodeConfig.DropDatabase(_database);
    }

    /// <summary>Prints what every node said (for a failed test).</summary>
    public void PrintOutputs()
    {
        foreach (var node in Nodes) _output($"--- {node.Url} printed:\n{node.Output}");
    }

    private string Parent(int node) => $"asv-e2e-{_tag}-n{node + 1}";

    private string? CgroupParent(int node) =>
        new[] { $"/sys/fs/cgroup/memory/{Parent(node)}", $"/sys/fs/cgroup/{Parent(node)}" }.FirstOrDefault(Directory.Exists);

    private string Config(int n, string extra) => $$"""
        actor-supervisor.node {
          id = node-{{n}}
          store.kind = postgres
          store.connection-string = "{{_nodeConnection}}"
          default-runtime = {{(_docker is null ? "process" : "docker")}}
          runtimes.process.cgroup-parent = "{{Parent(n - 1)}}"
          {{(_docker is null ? "" : $"runtimes.docker {{ enabled = true, socket = \"{DockerEngine.Socket}\" }}")}}
          cluster {
            host = "{{Host(n).Address}}"
            port = {{_ports[n - 1]}}
            seeds = [{{(n == 1 ? "" : $"\"{Protocol}://asv@{Host(1).Address}:{_ports[0]}\"")}}]
            {{(_certificates is null ? "" : $"tls {{ certificate = \"{_certificates.Node}\", password = \"{TestCertificates.Password}\", trusted = \"{_certificates.Trusted}\" }}")}}
          }
        }
        {{extra}}
        """;

    /// <summary>Where node <paramref name="n"/> (1-based) runs: loopback, or its namespace's address entered through nsenter.</summary>
    private NodeHost Host(int n) => Network is null ? NodeHost.Loopback : new NodeHost(Network.Address(n), Network.Launcher(n));

    /// <summary>Akka's protocol: with TLS (the nodes in namespaces) it is akka.ssl.tcp.</summary>
    private string Protocol => _certificates is null ? "akka.tcp" : "akka.ssl.tcp";

    /// <summary>
    /// A connection string to <paramref name="database"/> through the server's unix socket (the directory it reports), as
    /// the nodes in namespaces need it: a socket is a file, reached from any network namespace and untouched by a cut.
    /// </summary>
    private static async Task<string> UnixSocketConnectionAsync(string database)
    {
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var directories = new NpgsqlCommand("SELECT current_setting('unix_socket_directories'), current_setting('port')", admin);
        await using var reader = await directories.ExecuteReaderAsync();
        await reader.ReadAsync();
        var directory = reader.GetString(0).Split(',')[0].Trim();
        if (directory.Length == 0)
            throw new InvalidOperationException("the PostgreSQL server of ASV_TEST_PG listens on no unix socket (unix_socket_directories is empty); the nodes in network namespaces need one");
        return new NpgsqlConnectionStringBuilder(Server) { Host = directory, Port = int.Parse(reader.GetString(1), CultureInfo.InvariantCulture), Database = database }.ConnectionString;
    }

    private static string Server => Environment.GetEnvironmentVariable("ASV_TEST_PG") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException("ASV_TEST_PG is not set: start a server with 'tests/services/postgres.sh start STATE' and export the line it prints.");

    /// <summary>The double-run watcher: a sample every 100 ms of every node's workloads.</summary>
    internal sealed class Watcher : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private readonly ConcurrentQueue<string> _doubleRuns = new();
        private int _samples;

        public Watcher(ClusterPlacementHarness harness) => _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            do
            {
                Interlocked.Increment(ref _samples);
                foreach (var group in harness.LiveWorkloads().GroupBy(w => w.Container).Where(g => g.Count() > 1))
                    _doubleRuns.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} container {group.Key} runs on nodes {string.Join(", ", group.Select(w => w.Node + 1))}");
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        });

        public IReadOnlyCollection<string> DoubleRuns => _doubleRuns;

        public int Samples => Volatile.Read(ref _samples);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
            _stop.Dispose();
        }
    }
}
