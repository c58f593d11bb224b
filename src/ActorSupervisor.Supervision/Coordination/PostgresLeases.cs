using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorSupervisor.Supervision.Coordination;

/// <summary>
/// The actor system's lease keepers (one per owner and table: every <see cref="PostgresLease"/> of a member shares
/// its heartbeat) and the host's hooks: what happens when a lease is lost and where the fence deadline goes. The
/// keepers stop with the actor system.
/// </summary>
public sealed class PostgresLeases : IExtension
{
    private readonly ConcurrentDictionary<(string Connection, string Table, string Owner), LeaseKeeper> _keepers = new();
    private readonly ILoggerFactory _loggers;

    /// <summary>Created by Akka through <see cref="Get"/>.</summary>
    public PostgresLeases(ExtendedActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _loggers = system.Settings.Setup.Get<LoggerFactorySetup>().Value?.LoggerFactory ?? NullLoggerFactory.Instance;
        system.RegisterOnTermination(() =>
        {
            foreach (var keeper in _keepers.Values) keeper.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
    }

    /// <summary>A lease of this system was lost (its name and why): the host kills the workloads it covered.</summary>
    public event Action<string, Exception>? Lost;

    /// <summary>The instant until which every lease this system holds is trusted, after each change (for the node's fence).</summary>
    public event Action<DateTimeOffset>? FenceDeadline;

    /// <summary>The extension of <paramref name="system"/>.</summary>
    public static PostgresLeases Get(ActorSystem system) => system.WithExtension<PostgresLeases, PostgresLeasesProvider>();

    /// <summary>Whether a keeper of this system holds <paramref name="leaseName"/> and still trusts it.</summary>
    public bool Holds(string leaseName) => _keepers.Values.Any(keeper => keeper.Holds(leaseName));

    internal LeaseKeeper KeeperFor(PostgresLeaseSettings settings, string owner) =>
        _keepers.GetOrAdd((settings.ConnectionString, settings.Table, owner), _ =>
        {
            var keeper = new LeaseKeeper(settings, owner, _loggers.CreateLogger<PostgresLease>());
            keeper.Lost += (name, reason) => Lost?.Invoke(name, reason);
            keeper.FenceDeadline += deadline => FenceDeadline?.Invoke(deadline);
            return keeper;
        });

    private sealed class PostgresLeasesProvider : ExtensionIdProvider<PostgresLeases>
    {
        public override PostgresLeases CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
