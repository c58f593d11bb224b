using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Cli.Tests.Support;

/// <summary>One request the stub received.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, string? LastEventId, string Body);

/// <summary>
/// A tiny real HTTP server on 127.0.0.1 with canned routes, for unit tests of <c>ActorSupervisorClient</c>
/// (the client class only; the real node is exercised by the end-to-end tests).
/// </summary>
internal sealed class StubNodeServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private StubNodeServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public List<RecordedRequest> Requests { get; } = [];

    public RecordedRequest Last => Requests[^1];

    public static async Task<StubNodeServer> StartAsync(Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        StubNodeServer? server = null;
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            lock (server!.Requests)
            {
                server.Requests.Add(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                    context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Headers["Last-Event-ID"].FirstOrDefault(), body));
            }
            await next(context);
        });
        routes(app);
        await app.StartAsync();
        server = new StubNodeServer(app, new Uri(app.Urls.First()));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Writes one server-sent event and flushes it.</summary>
    public static async Task WriteEventAsync(HttpResponse response, string? id, string type, string data)
    {
        var text = (id is null ? "" : $"id: {id}\n") + $"event: {type}\ndata: {data}\n\n";
        await response.WriteAsync(text);
        await response.Body.FlushAsync();
    }
}
