using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Runtimes.Docker;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Hocon;
using ActorSupervisor.Supervision.Persistence;
using ActorSupervisor.Values;

namespace ActorSupervisor.Node.Configuration;

/// <summary>Reads <see cref="NodeOptions"/> from the layered configuration; every bad value stops with its location.</summary>
internal static class NodeOptionsReader
{
    private const string Node = "actor-supervisor.node.";

    /// <summary>The node's options; <paramref name="configFile"/> is the node's own file, if any.</summary>
    public static NodeOptions Read(SettingReader settings, string? configFile)
    {
        var nodeId = settings.String(Node + "id");
        var dataDirectory = Path.GetFullPath(RequireText(settings, Node + "data-dir"));
        var options = new NodeOptions
        {
            NodeId = nodeId.Length == 0 ? Environment.MachineName : nodeId,
            Api = ReadApi(settings),
            DataDirectory = dataDirectory,
            Store = ReadStore(settings),
            DefaultRuntime = settings.Convert(Node + "default-runtime", ParseRuntime),
            Process = ReadProcess(settings, dataDirectory),
            DockerEnabled = settings.Bool(Node + "runtimes.docker.enabled"),
            Docker = new DockerRuntimeOptions
            {
                SocketPath = RequireText(settings, Node + "runtimes.docker.socket"),
                NetworkMode = RequireText(settings, Node + "runtimes.docker.network-mode"),
                NodeId = nodeId.Length == 0 ? Environment.MachineName : nodeId,
            },
            DefaultRestart = settings.Convert(Node + "restart.policy", text =>
                RestartPolicy.TryParse(text, out var policy, out var error) ? (policy, null) : (RestartPolicy.No, error)),
            DefaultBackoff = ReadBackoff(settings),
            ShardCount = settings.Int(Node + "shard-count", 1, 100_000),
            Cluster = ReadCluster(settings),
            Shutdown = new ShutdownOptions
            {
                StopWorkloads = settings.Bool(Node + "shutdown.stop-workloads"),
                Timeout = settings.Duration(Node + "shutdown.timeout"),
            },
            ConfigFile = configFile,
            Akka = AkkaSection.Read(settings.Root),
        };
        return options with { Containers = DeclaredContainerReader.Read(settings, options), Groups = DeclaredGroupReader.Read(settings) };
    }

    private static ClusterOptions ReadCluster(SettingReader settings)
    {
        const string cluster = Node + "cluster.";
        var options = new ClusterOptions
        {
            Host = RequireText(settings, cluster + "host"),
            Port = settings.Int(cluster + "port", 0, 65_535),
            Seeds = settings.List(cluster + "seeds", text => Supervision.Hosting.ClusterAddresses.Problem(text) is { } problem ? (text, problem) : (text.Trim(), null)),
            Roles = settings.List(cluster + "roles", text => (text, Supervision.Hosting.ClusterRoles.Problem(text))),
        };
        if (options.Seeds.Count > 0 && options.Port == 0)
            throw settings.Error(cluster + "port", "0", "a node that joins seeds needs a fixed port (e.g. 4053): the other members reach it there");
        return options with { Tls = ReadTls(settings, options.Host), InsecureRemoting = settings.Bool(cluster + "insecure-remoting") };
    }

    /// <summary>
    /// Remoting's TLS files, checked now (readable, a key, an authority) so a bad file stops the start with its name. A
    /// host beyond loopback without them is refused unless insecure-remoting says the operator means it.
    /// </summary>
    private static ClusterTls? ReadTls(SettingReader settings, string host)
    {
        const string tls = Node + "cluster.tls.";
        var certificate = settings.String(tls + "certificate");
        var trusted = settings.String(tls + "trusted");
        if (certificate.Length == 0)
        {
            if (trusted.Length > 0)
                throw settings.Error(tls + "certificate", "", "tls.trusted is set but tls.certificate is not: give this node's PKCS#12 certificate too");
            if (!IsLoopback(host) && !settings.Bool(Node + "cluster.insecure-remoting"))
                throw settings.Error(Node + "cluster.host", host,
                    "remoting beyond loopback must not be open to anyone who reaches the port: set cluster.tls.certificate and cluster.tls.trusted " +
                    "(mutual TLS, docs/interop.md), or cluster.insecure-remoting = on if a network you control is the only way in");
            return null;
        }
        if (trusted.Length == 0)
            throw settings.Error(tls + "trusted", "", "a PEM file of the authorities whose certificates may connect is required with tls.certificate");
        var files = new ClusterTls(Path.GetFullPath(certificate), settings.String(tls + "password"), Path.GetFullPath(trusted));
        try
        {
            using var loaded = ActorSupervisor.Messages.RemotingTls.LoadCertificate(files.Certificate, files.Password);
        }
        catch (ArgumentException e)
        {
            throw settings.Error(tls + "certificate", certificate, e.Message.Split(" (Parameter")[0]);
        }
        try
        {
            ActorSupervisor.Messages.RemotingTls.LoadAuthorities(files.Trusted);
        }
        catch (ArgumentException e)
        {
            throw settings.Error(tls + "trusted", trusted, e.Message.Split(" (Parameter")[0]);
        }
        return files;
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));

    private static ApiOptions ReadApi(SettingReader settings)
    {
        var api = new ApiOptions
        {
            Host = settings.Convert(Node + "api.host", ParseHost),
            Port = settings.Int(Node + "api.port", 0, 65_535),
            Token = settings.String(Node + "api.token"),
            TokenGroup = settings.Convert(Node + "api.token-group", text =>
                text.Length == 0 || Security.UnixAccess.GroupId(text) is not null
                    ? (text, null)
                    : ("", "no such group on this machine; create it (groupadd) or leave the setting empty")),
            MaxBodyBytes = settings.Convert(Node + "api.max-body-size", text =>
                HoconSize.TryParse(text, out var bytes) && bytes >= 1024 ? (bytes, null) : (0L, "expected a size of at least 1k, e.g. 1MiB")),
        };
        if (!api.IsLoopback && api.Token.Length == 0)
            throw settings.Error(Node + "api.host", api.Host,
                "binding beyond loopback needs a token: set actor-supervisor.node.api.token (or ASV_TOKEN), or bind to 127.0.0.1");
        // An empty token means "generate one"; a configured one must be worth having.
        if (api.Token.Length > 0 && Security.ApiTokenRules.Problem(api.Token) is { } problem)
            throw settings.Error(Node + "api.token", "(hidden)",
                $"the token {problem}; use at least {Security.ApiTokenRules.MinimumLength} random characters (openssl rand -base64 32), or leave it empty and the node generates one in <data-dir>/api.token");
        return api;
    }

    // Kestrel binds an IPv4-mapped IPv6 address (::ffff:127.0.0.1) only by crashing the process; say which address to use instead.
    private static (string, string?) ParseHost(string text)
    {
        if (text == "localhost")
            return (text, null);
        if (!System.Net.IPAddress.TryParse(text, out var address))
            return ("", "expected an IP address (127.0.0.1, 0.0.0.0, ::1) or localhost");
        if (address.IsIPv4MappedToIPv6)
            return ("", $"an IPv4-mapped IPv6 address cannot be bound; write the IPv4 address itself ({address.MapToIPv4()})");
        return (text, null);
    }

    private static StoreOptions ReadStore(SettingReader settings)
    {
        var kind = settings.Convert(Node + "store.kind", text =>
            text is "sqlite" or "postgres" ? (text, null) : ("", "expected sqlite or postgres"));
        var connection = settings.String(Node + "store.connection-string");
        if (kind == "postgres" && connection.Length == 0)
            throw settings.Error(Node + "store.connection-string", connection,
                "PostgreSQL needs a connection string, e.g. \"Host=db;Username=asv;Password=...;Database=asv\"");
        var synchronous = settings.Convert(Node + "store.sqlite.synchronous", ParseSynchronous);
        if (kind == "postgres" && synchronous != SqliteSynchronous.Full)
            throw settings.Error(Node + "store.sqlite.synchronous", "normal",
                "applies to SQLite only; with PostgreSQL durability is the server's synchronous_commit, so leave it full");
        return new StoreOptions { Kind = kind, ConnectionString = connection, SqliteSynchronous = synchronous };
    }

    private static (SqliteSynchronous, string?) ParseSynchronous(string text) => text switch
    {
        "full" => (SqliteSynchronous.Full, null),
        "normal" => (SqliteSynchronous.Normal, null),
        _ => (SqliteSynchronous.Full, "expected full or normal"),
    };

    private static ProcessRuntimeOptions ReadProcess(SettingReader settings, string dataDirectory)
    {
        const string process = Node + "runtimes.process.";
        var logDirectory = settings.String(process + "log-dir");
        var options = new ProcessRuntimeOptions
        {
            LogDirectory = logDirectory.Length == 0 ? Path.Combine(dataDirectory, "logs") : Path.GetFullPath(logDirectory),
            CgroupParent = settings.String(process + "cgroup-parent"),
            // One rule with a container's --log-opt: the same names, units and bounds.
            LogMaxBytes = settings.Convert(process + "log-max-size", text =>
                LogOptions.TryParseSize(text, out var bytes, out var error) ? (bytes, null) : (0L, error)),
            LogMaxFiles = settings.Convert(process + "log-max-file", text =>
                LogOptions.TryParseFileCount(text, out var files, out var error) ? (files, null) : (0, error)),
            MonitorInterval = settings.Duration(process + "monitor-interval"),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw settings.Error(process + "cgroup-parent", options.CgroupParent, e.Message);
        }
        return options;
    }

    private static Backoff ReadBackoff(SettingReader settings)
    {
        const string backoff = Node + "restart.backoff.";
        var result = new Backoff
        {
            Initial = settings.Duration(backoff + "initial"),
            Multiplier = settings.Double(backoff + "multiplier", 1),
            Max = settings.Duration(backoff + "max"),
            ResetAfter = settings.Duration(backoff + "reset-after"),
            RandomFactor = settings.Double(backoff + "random-factor", 0),
        };
        foreach (var (name, value) in new[] { ("initial", result.Initial), ("max", result.Max), ("reset-after", result.ResetAfter) })
        {
            if (ActorSupervisor.Values.SpecLimits.DurationProblem("backoff.max", value) is { } problem)
                throw settings.Error(backoff + name, settings.String(backoff + name), problem);
        }
        return result.Max >= result.Initial
            ? result
            : throw settings.Error(backoff + "max", settings.String(backoff + "max"), "must be at least restart.backoff.initial");
    }

    private static (RuntimeKind, string?) ParseRuntime(string text) => text switch
    {
        "process" => (RuntimeKind.Process, null),
        "docker" => (RuntimeKind.Docker, null),
        "fake" => (RuntimeKind.Fake, null),
        _ => (RuntimeKind.Process, "expected process, docker or fake"),
    };

    private static string RequireText(SettingReader settings, string path) =>
        settings.Convert(path, text => text.Trim().Length > 0 ? (text, null) : ("", "must not be empty"));
}
