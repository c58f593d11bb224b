using System.Net.Sockets;

namespace ActorSupervisor.Runtimes.Tests.Support;

/// <summary>
/// Forwards a unix socket to another and can cut every connection and refuse new ones, so a test can make the
/// Docker daemon "go away" for one client and come back, without touching the daemon the other tests share.
/// </summary>
public sealed class UnixSocketProxy : IAsyncDisposable
{
    private readonly string _target;
    private readonly List<Socket> _open = [];
    private readonly Lock _gate = new();
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;

    public UnixSocketProxy(string path, string target)
    {
        Path = path;
        _target = target;
        Restore();
    }

    public string Path { get; }

    /// <summary>Closes every connection and the listening socket: clients see the daemon gone.</summary>
    public async Task CutAsync()
    {
        lock (_gate)
        {
            _listener?.Dispose();
            _listener = null;
            foreach (var socket in _open)
            {
                socket.Dispose();
            }
            _open.Clear();
        }
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        File.Delete(Path);
    }

    /// <summary>Listens again.</summary>
    public void Restore()
    {
        File.Delete(Path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(Path));
        listener.Listen();
        lock (_gate) _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    public async ValueTask DisposeAsync() => await CutAsync();

    private async Task AcceptAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await upstream.ConnectAsync(new UnixDomainSocketEndPoint(_target));
            lock (_gate)
            {
                _open.Add(client);
                _open.Add(upstream);
            }
            _ = PipeAsync(client, upstream);
            _ = PipeAsync(upstream, client);
        }
    }

    private static async Task PipeAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read));
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // One side was cut: the other goes with it.
        }
    }
}
