using System.Net;
using System.Net.Sockets;
using ActorSupervisor.Supervision.Hosting;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

/// <summary>
/// A member whose cluster port refuses connections is downed by the others at once (its process is gone); a port that
/// answers does not refuse. The downing itself is tested with three real nodes (ClusterPlacementTests, the SIGKILL case).
/// </summary>
public sealed class CrashedMemberWatchTests
{
    [Fact]
    public async Task A_port_with_a_listener_does_not_refuse_and_the_same_port_closed_does()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            Assert.False(await CrashedMemberWatch.RefusesAsync("127.0.0.1", port));
        }
        finally
        {
            listener.Stop();
        }
        Assert.True(await CrashedMemberWatch.RefusesAsync("127.0.0.1", port));
    }
}
