using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Docker;
using ActorSupervisor.Containers.Runtimes.Fake;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Node.Configuration;

namespace ActorSupervisor.Node.Hosting;

/// <summary>
/// The runtimes this node drives, by kind, and what it says about each in <c>GET /api/v1/node</c>. The fake
/// runtime is always there (tests and density benchmarks); Docker only when enabled and its socket exists.
/// </summary>
public sealed class NodeRuntimes : IAsyncDisposable
{
    private readonly Dictionary<RuntimeKind, IContainerRuntime> _runtimes;
    private readonly List<CapabilityInfo> _descriptions;

    /// <summary>A set of already created runtimes, described by <paramref name="descriptions"/>.</summary>
    public NodeRuntimes(IEnumerable<IContainerRuntime> runtimes, IEnumerable<CapabilityInfo> descriptions)
    {
        _runtimes = runtimes.ToDictionary(r => r.Kind);
        _descriptions = descriptions.ToList();
    }

    /// <summary>Every runtime, by kind.</summary>
    public IReadOnlyDictionary<RuntimeKind, IContainerRuntime> All => _runtimes;

    /// <summary>Each runtime's availability and a line about it.</summary>
    public IReadOnlyList<CapabilityInfo> Descriptions => _descriptions;

    /// <summary>
    /// This node's own program, which runs the output drain (<see cref="OutputDrain.Flag"/>): the apphost, or dotnet and
    /// the node's assembly. Null when the node runs inside another program (in-process tests): no drain then.
    /// </summary>
    private static IReadOnlyList<string>? DrainCommand()
    {
        if (System.Reflection.Assembly.GetEntryAssembly() != typeof(Program).Assembly || Environment.ProcessPath is not { } host) return null;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, typeof(Program).Assembly.Location] : [host];
    }

    /// <summary>The runtimes <paramref name="options"/> ask for.</summary>
    /// <exception cref="RuntimeOperationException">The process runtime cannot work on this host.</exception>
    public static NodeRuntimes Create(NodeOptions options, ILoggerFactory loggers, TimeProvider time)
    {
        var runtimes = new List<IContainerRuntime>();
        var descriptions = new List<CapabilityInfo>();
        var process = new ProcessRuntime(options.Process with { OutputDrainCommand = DrainCommand() }, loggers.CreateLogger<ProcessRuntime>(), time);
        runtimes.Add(process);
        descriptions.Add(new CapabilityInfo("process", true, $"process groups; pause by {process.Capabilities.PauseMethod}; logs in {options.Process.LogDirectory}"));
        if (!options.DockerEnabled)
            descriptions.Add(new CapabilityInfo("docker", false, "disabled by actor-supervisor.node.runtimes.docker.enabled"));
        else if (!File.Exists(options.Docker.SocketPath))
            descriptions.Add(new CapabilityInfo("docker", false, $"no socket at {options.Docker.SocketPath}"));
        else
        {
            runtimes.Add(new DockerRuntime(options.Docker, loggers.CreateLogger<DockerRuntime>(), time));
            descriptions.Add(new CapabilityInfo("docker", true, $"Docker Engine API at {options.Docker.SocketPath}"));
        }
        runtimes.Add(new FakeRuntime(time));
        descriptions.Add(new CapabilityInfo("fake", true, "scripted workloads for tests"));
        return new NodeRuntimes(runtimes, descriptions);
    }

    /// <summary>The runtime of <paramref name="kind"/>.</summary>
    /// <exception cref="RuntimeOperationException">This node does not run that kind.</exception>
    public IContainerRuntime Get(RuntimeKind kind) =>
        _runtimes.TryGetValue(kind, out var runtime)
            ? runtime
            : throw new RuntimeOperationException($"the {kind.ToString().ToLowerInvariant()} runtime is not available on this node; see GET /api/v1/node");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in _runtimes.Values)
            await runtime.DisposeAsync();
    }
}
