using Akka.Configuration;
using Akka.Coordination;

namespace ActorSupervisor.Supervision.Coordination;

/// <summary>
/// The settings of <see cref="PostgresLease"/>, read from its HOCON block (<c>akka.coordination.lease.postgres</c>,
/// see hocon/reference.conf). The timing rule: a node's workloads are fenced (killed) <see cref="FenceMargin"/> before
/// its lease can expire for the others, and a healthy node renews well before that, so
/// <c>heartbeat-interval + lease-operation-timeout &lt; heartbeat-timeout - fence-margin</c>.
/// </summary>
public sealed record PostgresLeaseSettings
{
    /// <summary>Where Akka finds the lease's configuration (and sharding's <c>use-lease</c> points).</summary>
    public const string ConfigPath = "akka.coordination.lease.postgres";

    /// <summary>The PostgreSQL connection string.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The lease table (created when missing).</summary>
    public string Table { get; init; } = "asv_leases";

    /// <summary>How long a lease lasts after its last heartbeat: a crashed holder's lease passes to another node this long after its last renewal.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How often the holder renews its leases (one statement for all of a node's leases).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long an acquire or heartbeat may take before it counts as failed (a release may take until the row would expire: <see cref="HeartbeatTimeout"/>).</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long before its lease can expire a node stops counting on it: its lost-lease callback fires and its fence
    /// kills its workloads this much before another node can acquire the lease (covers the fence's 100 ms poll, the
    /// kill itself and clock-rate differences; it need not cover clock offsets, which never enter the computation).
    /// </summary>
    public TimeSpan FenceMargin { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// How much later than this node the others may see it unreachable (the failure detectors' asymmetry, plus the kill): a
    /// node keeps its leases through a PostgreSQL outage while its cluster view is healthy (<see cref="StoreOutageForgiveness"/>)
    /// only where the split-brain resolver's <c>stable-after</c> is at least this, so that it fences before the others can
    /// down it. Above <c>stable-after</c> outages are never forgiven.
    /// </summary>
    public TimeSpan StoreOutageMargin { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long after a heartbeat's send the holder still counts on its leases.</summary>
    public TimeSpan TrustedFor => HeartbeatTimeout - FenceMargin;

    /// <summary>Reads the settings from a lease's configuration block (Akka's <c>akka.coordination.lease</c> defaults beneath).</summary>
    /// <exception cref="ArgumentException">A value is missing or breaks the timing rule; the message names the key.</exception>
    public static PostgresLeaseSettings From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var timeouts = TimeoutSettings.Create(config);
        var defaults = new PostgresLeaseSettings { ConnectionString = "" };
        var settings = new PostgresLeaseSettings
        {
            ConnectionString = config.GetString("connection-string", ""),
            Table = config.GetString("table", defaults.Table),
            HeartbeatTimeout = timeouts.HeartbeatTimeout,
            HeartbeatInterval = timeouts.HeartbeatInterval,
            OperationTimeout = timeouts.OperationTimeout,
            FenceMargin = config.GetTimeSpan("fence-margin", defaults.FenceMargin),
            StoreOutageMargin = config.GetTimeSpan("store-outage-margin", defaults.StoreOutageMargin),
        };
        return settings.Validate();
    }

    /// <summary>Checks the values; the message names the key at fault.</summary>
    /// <exception cref="ArgumentException">A value is missing or breaks the timing rule.</exception>
    public PostgresLeaseSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException($"{ConfigPath}.connection-string is empty: the lease needs the PostgreSQL server of the journal");
        if (HeartbeatInterval <= TimeSpan.Zero || OperationTimeout <= TimeSpan.Zero || FenceMargin <= TimeSpan.Zero || StoreOutageMargin <= TimeSpan.Zero)
            throw new ArgumentException($"{ConfigPath}: heartbeat-interval ({HeartbeatInterval}), lease-operation-timeout ({OperationTimeout}), fence-margin ({FenceMargin}) " +
                $"and store-outage-margin ({StoreOutageMargin}) must be positive");
        if (HeartbeatInterval + OperationTimeout >= TrustedFor)
            throw new ArgumentException($"{ConfigPath}: heartbeat-interval ({HeartbeatInterval}) + lease-operation-timeout ({OperationTimeout}) must be less than " +
                $"heartbeat-timeout ({HeartbeatTimeout}) - fence-margin ({FenceMargin}), or a healthy node would fence its own workloads between two heartbeats");
        return this;
    }
}
