using System.Net.WebSockets;
using System.Text.Json;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Hosting;
using ActorSupervisor.Supervision.Hosting;

namespace ActorSupervisor.Node.Api;

/// <summary>
/// <c>GET /api/v1/containers/{nameOrId}/exec</c> (a WebSocket): <c>docker exec</c>. The command runs beside the
/// workload in its cgroup, as its user, in its directory, with its environment; its output streams as it comes,
/// its input (with <c>stdin=true</c>) as the client sends it, and its exit code ends the stream. Once upgraded, a
/// refusal (unknown container, not running) ends the stream with the status and error an HTTP answer would carry.
/// </summary>
internal static class ContainerExecEndpoints
{
    private static readonly TimeSpan ClosePatience = TimeSpan.FromSeconds(2);

    /// <summary>Maps the exec route.</summary>
    public static IEndpointRouteBuilder MapContainerExecEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.ContainerTemplate + "/exec", Exec).WithTags("Containers").WithName("ExecInContainer");
        return app;
    }

    /// <summary>Upgrades, runs the command, relays both ways, and ends with its exit code.</summary>
    public static async Task Exec(string nameOrId, HttpContext context, IContainerService containers, IWorkloadAccess workloads,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!context.WebSockets.IsWebSocketRequest)
            throw ApiProblemException.InvalidArgument("upgrade", null, "exec is a WebSocket: connect with Upgrade: websocket (asv exec does)");
        var request = new ExecRequest(
            context.Request.Query[ExecProtocol.CommandParameter].Select(a => a ?? "").ToArray(),
            QueryReader.Flag(context.Request, "stdin", false),
            QueryReader.Flag(context.Request, "tty", false));
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        IExecSession session;
        try
        {
            session = await StartAsync(nameOrId, request, containers, workloads, cancellationToken);
        }
        catch (RuntimeOperationException e) when (e.ExitCode is { } code)
        {
            // Docker prints why the exec could not start and exits with its code: a user's mistake, not the node's.
            loggers.CreateLogger(typeof(ContainerExecEndpoints)).LogWarning("exec in {Container} refused: {Reason}", nameOrId, e.Message);
            await SendAsync(socket, ExecProtocol.Stderr, System.Text.Encoding.UTF8.GetBytes(e.Message + "\n"), cancellationToken);
            await EndAsync(socket, new ExecEnd(code), cancellationToken);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var (status, error) = ApiExceptionHandler.Map(e);
            await EndAsync(socket, new ExecEnd(null, status, error), cancellationToken);
            return;
        }
        await using (session)
        {
            using var leaving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var input = RelayInputAsync(socket, session, leaving);
            try
            {
                await foreach (var chunk in session.Output.ReadAllAsync(leaving.Token))
                    await SendAsync(socket, chunk.Stream == LogStream.Stderr ? ExecProtocol.Stderr : ExecProtocol.Stdout, chunk.Data, leaving.Token);
                var exitCode = await session.Exited.WaitAsync(leaving.Token);
                await EndAsync(socket, new ExecEnd(exitCode), leaving.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The client left (Ctrl+C, a lost connection): disposing the session kills the command.
            }
            catch (ContainerUnavailableException e)
            {
                // The container's node stopped answering mid-exec (it left, died or is cut off): the end says so, as a 503 would.
                var (status, error) = ApiExceptionHandler.Map(e);
                await EndAsync(socket, new ExecEnd(null, status, error), CancellationToken.None);
            }
            // The client answers the close once it has read the end; a client that does not is not waited for long.
            await Task.WhenAny(input, Task.Delay(ClosePatience, CancellationToken.None));
            await leaving.CancelAsync();
            await input;
        }
    }

    private static async Task<IExecSession> StartAsync(string nameOrId, ExecRequest request, IContainerService containers, IWorkloadAccess workloads,
        CancellationToken cancellationToken)
    {
        if (request.Argv.Count == 0 || request.Argv[0].Length == 0)
            throw ApiProblemException.InvalidArgument("query." + ExecProtocol.CommandParameter, null, "the program to run and its arguments, one cmd parameter each");
        var target = await ContainerResolver.ResolveAsync(containers, nameOrId, cancellationToken);
        var state = target.State;
        if (state.Status == ContainerStatus.Paused)
            throw ApiProblemException.Conflict($"container {target.Name} is paused, unpause the container before exec");
        if (state.Status != ContainerStatus.Running || state.WorkloadId is null)
            throw ApiProblemException.Conflict($"container {target.Name} is not running");
        // This node's runtime, or the hosting node's over remoting.
        return await workloads.ExecAsync(target, request, cancellationToken);
    }

    /// <summary>Feeds what the client sends to the command's stdin until the client closes it or leaves.</summary>
    private static async Task RelayInputAsync(WebSocket socket, IExecSession session, CancellationTokenSource leaving)
    {
        var cancellationToken = leaving.Token;
        var buffer = new byte[16 * 1024];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var message = new MemoryStream();
                WebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer, cancellationToken);
                    message.Write(buffer, 0, received.Count);
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);
                if (received.MessageType == WebSocketMessageType.Close)
                    break;
                var bytes = message.GetBuffer().AsMemory(0, (int)message.Length);
                if (bytes.Length == 0)
                    continue;
                if (bytes.Span[0] == ExecProtocol.Stdin)
                    await session.WriteInputAsync(bytes[1..], cancellationToken);
                else if (bytes.Span[0] == ExecProtocol.StdinClosed)
                    await session.CloseInputAsync();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The exec ended or the client left.
        }
        // A client that closed the socket (or lost it) before the end has left: the relay stops, and the command is killed.
        if (!cancellationToken.IsCancellationRequested)
            await leaving.CancelAsync();
    }

    private static Task SendAsync(WebSocket socket, byte kind, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var message = new byte[data.Length + 1];
        message[0] = kind;
        data.Span.CopyTo(message.AsSpan(1));
        return socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
    }

    private static async Task EndAsync(WebSocket socket, ExecEnd end, CancellationToken cancellationToken)
    {
        await SendAsync(socket, ExecProtocol.End, JsonSerializer.SerializeToUtf8Bytes(end, ApiJsonContext.Default.ExecEnd), cancellationToken);
        // Only our half: the input relay is the one receiving, and it sees the client's close.
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
    }
}
