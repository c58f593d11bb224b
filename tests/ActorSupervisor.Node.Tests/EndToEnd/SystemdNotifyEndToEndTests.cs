using System.Net.Sockets;
using System.Text;

namespace ActorSupervisor.Node.Tests.EndToEnd;

/// <summary>
/// The node under systemd's <c>Type=notify</c>: the test plays the service manager, listening on the datagram socket
/// it names in <c>NOTIFY_SOCKET</c>, as systemd does.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SystemdNotifyEndToEndTests
{
    [Fact]
    public async Task The_node_says_ready_after_recovery_and_stopping_at_shutdown()
    {
        var directory = Directory.CreateTempSubdirectory("asv-notify-").FullName;
        try
        {
            var path = Path.Combine(directory, "notify");
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            var received = new List<string>();
            var reader = ReadAsync(socket, received);

            var container = """actor-supervisor.containers.kept { cmd = "sleep 300" }""";
            await using var node = await NodeProcess.StartAsync(container, new Dictionary<string, string> { ["NOTIFY_SOCKET"] = path });
            var ready = await Eventually.ValueAsync(() => Task.FromResult(Snapshot(received)),
                m => m.Any(x => x.Contains("READY=1", StringComparison.Ordinal)), "systemd heard READY=1");

            Assert.StartsWith("STATUS=recovering", ready[0], StringComparison.Ordinal);
            var readyMessage = ready.Single(m => m.Contains("READY=1", StringComparison.Ordinal));
            Assert.Contains("STATUS=ready: 1 containers", readyMessage, StringComparison.Ordinal);
            Assert.DoesNotContain(ready, m => m.Contains("STOPPING=1", StringComparison.Ordinal));

            await node.Client.RemoveContainerAsync("kept", force: true); // a stopped node leaves its workloads running
            Assert.Equal(0, await node.StopAsync());
            var all = await Eventually.ValueAsync(() => Task.FromResult(Snapshot(received)),
                m => m.Any(x => x.Contains("STOPPING=1", StringComparison.Ordinal)), "systemd heard STOPPING=1");
            Assert.True(all.FindIndex(m => m.Contains("READY=1", StringComparison.Ordinal)) < all.FindIndex(m => m.Contains("STOPPING=1", StringComparison.Ordinal)));
            socket.Close();
            await reader;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static List<string> Snapshot(List<string> received)
    {
        lock (received) return [.. received];
    }

    private static async Task ReadAsync(Socket socket, List<string> received)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer);
                lock (received) received.Add(Encoding.UTF8.GetString(buffer, 0, n));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The test closed the socket.
        }
    }
}
