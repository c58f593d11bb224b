using Akka.Actor;
using Akka.Coordination;

namespace ActorSupervisor.Supervision.Coordination;

/// <summary>
/// An Akka <see cref="Lease"/> kept in a PostgreSQL table (<see cref="PostgresLeaseTable"/>): a row per lease with
/// its owner, expiry and fencing version. Sharding's <c>use-lease</c> gives each shard one, named
/// <c>asv-shard-container-N</c> and owned by the member's <c>host:port</c>, so a shard's containers run only where its
/// lease is held; the split-brain resolver's <c>lease-majority</c> can use it too. All leases of one owner are renewed
/// together by its <see cref="LeaseKeeper"/>; Akka creates this class from <c>lease-class</c>.
/// </summary>
public sealed class PostgresLease : Lease
{
    private readonly LeaseKeeper _keeper;

    /// <summary>Called by Akka's <see cref="LeaseProvider"/>.</summary>
    public PostgresLease(LeaseSettings settings, ExtendedActorSystem system)
        : base(settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(system);
        _keeper = PostgresLeases.Get(system).KeeperFor(PostgresLeaseSettings.From(settings.LeaseConfig), settings.OwnerName);
    }

    /// <inheritdoc />
    public override Task<bool> Acquire() => _keeper.AcquireAsync(Settings.LeaseName, null);

    /// <inheritdoc />
    public override Task<bool> Acquire(Action<Exception> leaseLostCallback) => _keeper.AcquireAsync(Settings.LeaseName, leaseLostCallback);

    /// <inheritdoc />
    public override Task<bool> Release() => _keeper.ReleaseAsync(Settings.LeaseName);

    /// <inheritdoc />
    public override bool CheckLease() => _keeper.Holds(Settings.LeaseName);
}
