using ActorSupervisor.Supervision.Tests.Support;
using ActorSupervisor.Tests.Shared;
using Akka.Actor;
using Akka.Remote;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

/// <summary>
/// A member that another member quarantined (the cluster removed it while it was frozen or cut off) downs itself, so its
/// actor system ends as a downed member's does; a quarantine by a system that was never a member changes nothing.
/// </summary>
public sealed class QuarantineWatchTests
{
    [Fact]
    public async Task A_member_quarantined_by_another_member_downs_itself_and_a_strangers_quarantine_changes_nothing()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var host = harness.Host;
        var self = host.Cluster.SelfAddress;

        host.System.EventStream.Publish(new ThisActorSystemQuarantinedEvent(self, new Address(self.Protocol, "client", "127.0.0.1", 1)));
        await Eventually.HoldsForAsync(() => !host.Terminated.IsCompleted, TimeSpan.FromSeconds(1), "a stranger's quarantine leaves the node up");

        // A cluster of one: this member is the only address that was a member, so it stands for the other member here.
        host.System.EventStream.Publish(new ThisActorSystemQuarantinedEvent(self, self));
        await host.Terminated.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.IsType<CoordinatedShutdown.ClusterDowningReason>(host.ShutdownReason);
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Critical && e.Message.Contains("has quarantined this node", StringComparison.Ordinal));
    }
}
