using System.Net;
using System.Text;

namespace ActorSupervisor.Tests.Shared;

/// <summary>A real HTTP server on a loopback port whose answer a test sets: status, body, or a hang.</summary>
public sealed class ProbeServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public ProbeServer()
    {
        Port = ProbeServer.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public int Port { get; }

    public Uri Url(string path = "/healthz") => new($"http://127.0.0.1:{Port}{path}");

    public int Status { get; set; } = 200;

    public string Body { get; set; } = "ok";

    /// <summary>Accept, then never answer.</summary>
    public bool Hang { get; set; }

    public int Requests { get; private set; }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            Requests++;
            if (Hang)
            {
                _ = Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(_ => context.Response.Abort(), TaskScheduler.Default);
                continue;
            }
            context.Response.StatusCode = Status;
            if (Status is >= 300 and < 400) context.Response.RedirectLocation = "/elsewhere";
            var bytes = Encoding.UTF8.GetBytes(Body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    /// <summary>A loopback port nothing listens on (as of now).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}
