using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Runtimes.Docker;
using ActorSupervisor.Containers.Runtimes.Process;

namespace ActorSupervisor.Node.Configuration;

/// <summary>
/// Everything a node is configured with, read from <c>actor-supervisor.node</c> and
/// <c>actor-supervisor.containers</c> (see <c>hocon/reference.conf</c> for each setting and its default).
/// </summary>
public sealed record NodeOptions
{
    /// <summary>This node's id, shown in <c>inspect</c> and the cluster views.</summary>
    public string NodeId { get; init; } = Environment.MachineName;

    /// <summary>The management API's address, port and token.</summary>
    public ApiOptions Api { get; init; } = new();

    /// <summary>The directory for the SQLite journal and the process runtime's logs.</summary>
    public string DataDirectory { get; init; } = ".data";

    /// <summary>The journal's store.</summary>
    public StoreOptions Store { get; init; } = new();

    /// <summary>The runtime of a container whose spec names none.</summary>
    public RuntimeKind DefaultRuntime { get; init; } = RuntimeKind.Process;

    /// <summary>The process runtime's settings.</summary>
    public ProcessRuntimeOptions Process { get; init; } = new();

    /// <summary>Whether the node connects to Docker at all.</summary>
    public bool DockerEnabled { get; init; } = true;

    /// <summary>The Docker runtime's settings.</summary>
    public DockerRuntimeOptions Docker { get; init; } = new();

    /// <summary>The restart policy of a container whose spec names none.</summary>
    public RestartPolicy DefaultRestart { get; init; } = RestartPolicy.No;

    /// <summary>The backoff of a container whose spec does not tune it.</summary>
    public Backoff DefaultBackoff { get; init; } = Backoff.Default;

    /// <summary>The number of shards containers are spread over.</summary>
    public int ShardCount { get; init; } = 100;

    /// <summary>Membership: the remoting address, the seeds to join and the roles.</summary>
    public ClusterOptions Cluster { get; init; } = new();

    /// <summary>What an orderly shutdown does.</summary>
    public ShutdownOptions Shutdown { get; init; } = new();

    /// <summary>Containers declared in configuration, created on start when absent.</summary>
    public IReadOnlyList<DeclaredContainer> Containers { get; init; } = [];

    /// <summary>Groups declared in configuration, created on start (after the containers) when absent.</summary>
    public IReadOnlyList<DeclaredGroup> Groups { get; init; } = [];

    /// <summary>The node's own configuration file, or null when only the reference is used.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The node file's <c>akka { }</c> section, which overrides the Akka settings the node chooses; null when absent.</summary>
    public Akka.Configuration.Config? Akka { get; init; }
}
