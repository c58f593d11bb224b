using ActorSupervisor.Hocon;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Client.Specs;

/// <summary>
/// Reads HOCON container declarations into raw specs: <c>containers { web { cmd = "...", restart = always } }</c>
/// in a spec file, or <c>actor-supervisor.containers { ... }</c> as in a node's configuration. Keys are the
/// API's JSON fields in kebab case (<c>stop-timeout</c>, <c>healthcheck.start-period</c>) or camel case
/// (<c>stopTimeout</c>). The CLI's spec files and the node's declared containers both read through here;
/// anything that is not a container throws <see cref="HoconSpecException"/> with its file, line and path.
/// Values stay text: the node's spec parser judges them.
/// </summary>
public static class HoconSpecReader
{
    /// <summary>Where a node's configuration declares its containers.</summary>
    public const string NodeSection = "actor-supervisor.containers";

    /// <summary>Where a spec file declares its containers.</summary>
    public const string FileSection = "containers";

    private const string ContainerExample = "{ cmd = \"sleep 5\", restart = always }";

    /// <summary>The containers of a spec file, in file order, from <see cref="NodeSection"/> or else <see cref="FileSection"/>.</summary>
    public static IReadOnlyList<HoconSpec> ReadFile(HoconObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var section = new[] { NodeSection, FileSection }.FirstOrDefault(root.HasPath)
            ?? throw new HoconSpecException(root.Position, "", null,
                $"expected {FileSection} {{ name {{ ... }} }} (or {NodeSection}, as in a node's configuration)");
        return ReadSection(root, section);
    }

    /// <summary>The containers declared at <paramref name="section"/> of <paramref name="root"/>, in file order.</summary>
    public static IReadOnlyList<HoconSpec> ReadSection(HoconObject root, string section)
    {
        ArgumentNullException.ThrowIfNull(root);
        var containers = root.GetValue(section) as HoconObject
            ?? throw new HoconSpecException(root.PositionOf(section), section, null, "expected an object of containers keyed by name");
        return containers.Select(entry => ReadContainer(entry.Value, entry.Key, $"{section}.{HoconPath.RenderKey(entry.Key)}")).ToList();
    }

    /// <summary>One container named <paramref name="name"/> (its key), declared at <paramref name="path"/>.</summary>
    public static HoconSpec ReadContainer(HoconValue value, string name, string path)
    {
        ArgumentNullException.ThrowIfNull(value);
        var positions = new Dictionary<string, HoconPosition>(StringComparer.Ordinal);
        var fields = HoconSpecFields.Open<RawContainerSpec>(value, path, "", ContainerExample, positions);
        if (fields.Text("name") is { } given && given != name)
            throw HoconSpecFields.Error(fields.Get("name")!.Value.Value, path + ".name", $"'{given}' differs from its key '{name}'; drop one");
        var spec = new RawContainerSpec
        {
            Name = name,
            Runtime = fields.Text("runtime"),
            Image = fields.Text("image"),
            Command = fields.List("command"),
            Cmd = fields.Text("cmd"),
            Env = fields.Map("env"),
            Workdir = fields.Text("workdir"),
            User = fields.Text("user"),
            Labels = fields.Map("labels"),
            Memory = fields.Text("memory"),
            LogOptions = fields.Map("logOptions"),
            StopSignal = fields.Text("stopSignal"),
            StopTimeout = fields.Text("stopTimeout"),
            Restart = fields.Text("restart"),
            Healthcheck = fields.Child("healthcheck", "{ test = [\"CMD-SHELL\", \"true\"], interval = 5s }", ReadHealthCheck),
            // The readiness probe has the health check's form: one reader for both.
            Readiness = fields.Child("readiness", "{ test = [\"HTTP\", \"http://127.0.0.1:8080/ready\"], interval = 5s }", ReadHealthCheck),
            Backoff = fields.Child("backoff", "{ initial = 100ms, max = 1m }", ReadBackoff),
            Intensity = fields.Child("intensity", "{ max-restarts = 5, window = 1m }", ReadIntensity),
            RestartOnUnhealthy = fields.Child("restartOnUnhealthy", "{ limit = 3, grace = 10s }", ReadUnhealthyRestart),
        };
        return new HoconSpec(spec, path, value.Position, positions);
    }

    private static RawHealthCheck ReadHealthCheck(HoconSpecFields health) => new()
    {
        Test = health.List("test"),
        Interval = health.Text("interval"),
        Timeout = health.Text("timeout"),
        Retries = health.Int("retries"),
        StartPeriod = health.Text("startPeriod"),
        StartInterval = health.Text("startInterval"),
        Exit2MeansStarting = health.Bool("exit2MeansStarting"),
    };

    private static RawBackoff ReadBackoff(HoconSpecFields backoff) => new()
    {
        Initial = backoff.Text("initial"),
        Multiplier = backoff.Double("multiplier"),
        Max = backoff.Text("max"),
        ResetAfter = backoff.Text("resetAfter"),
        RandomFactor = backoff.Double("randomFactor"),
    };

    private static RawIntensity ReadIntensity(HoconSpecFields intensity) => new()
    {
        MaxRestarts = intensity.Int("maxRestarts"),
        Window = intensity.Text("window"),
    };

    private static RawUnhealthyRestart ReadUnhealthyRestart(HoconSpecFields unhealthy) => new()
    {
        Limit = unhealthy.Int("limit"),
        Grace = unhealthy.Text("grace"),
    };
}
