using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary><c>exec</c> through the engine: created, then started attached (hijacked when it takes input).</summary>
public sealed partial class DockerRuntime
{
    /// <inheritdoc />
    public async Task<IExecSession> ExecAsync(WorkloadHandle handle, ExecRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Argv is not { Count: > 0 } argv || argv[0].Length == 0)
        {
            throw new RuntimeOperationException($"container {handle.ContainerId}: exec needs a command");
        }
        var what = $"container {handle.ContainerId}: cannot exec {string.Join(' ', argv)}";
        // Docker runs it as the container's user, in its working directory, with its environment.
        var created = await Call(() => _client.SendAsync(HttpMethod.Post, $"containers/{handle.WorkloadId}/exec", new JsonObject
        {
            ["AttachStdin"] = request.AttachStdin,
            ["AttachStdout"] = true,
            ["AttachStderr"] = true,
            ["Tty"] = request.Tty,
            ["Cmd"] = new JsonArray(argv.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
        }, cancellationToken), what).ConfigureAwait(false);
        var execId = created!.Value.GetProperty("Id").GetString()!;
        var start = new JsonObject { ["Detach"] = false, ["Tty"] = request.Tty };
        try
        {
            if (request.AttachStdin)
            {
                var connection = await _client.HijackAsync($"exec/{execId}/start", start, cancellationToken).ConfigureAwait(false);
                return new DockerExecSession(this, handle, execId, connection.Stream, connection, request.Tty);
            }
            var response = await _client.OpenStreamAsync(HttpMethod.Post, $"exec/{execId}/start", start, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new DockerExecSession(this, handle, execId, stream, response, request.Tty);
        }
        catch (DockerApiException e)
        {
            throw new RuntimeOperationException($"{what}: {e.Message}", e);
        }
    }

    /// <summary>The exec's exit code and pid as the engine has them now (null code: still running).</summary>
    private async Task<(int? ExitCode, int Pid)> InspectExecAsync(string execId, CancellationToken cancellationToken)
    {
        var exec = await Call(() => _client.SendAsync(HttpMethod.Get, $"exec/{execId}/json", cancellationToken: cancellationToken),
            $"exec {execId}: cannot inspect").ConfigureAwait(false);
        var running = exec!.Value.GetProperty("Running").GetBoolean();
        var code = exec.Value.GetProperty("ExitCode");
        return (!running && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : null, exec.Value.GetProperty("Pid").GetInt32());
    }

    private sealed class DockerExecSession : IExecSession
    {
        private readonly DockerRuntime _runtime;
        private readonly WorkloadHandle _handle;
        private readonly string _execId;
        private readonly Stream _stream;
        private readonly IDisposable _connection;
        private readonly HijackedConnection? _hijacked;
        private readonly Channel<ExecOutput> _output = Channel.CreateBounded<ExecOutput>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
        private readonly CancellationTokenSource _leaving = new();
        private readonly SemaphoreSlim _writing = new(1, 1);
        private readonly Task<int> _exited;

        public DockerExecSession(DockerRuntime runtime, WorkloadHandle handle, string execId, Stream stream, IDisposable connection, bool tty)
        {
            _runtime = runtime;
            _handle = handle;
            _execId = execId;
            _stream = stream;
            _connection = connection;
            _hijacked = connection as HijackedConnection;
            _exited = RunAsync(tty);
        }

        public ChannelReader<ExecOutput> Output => _output.Reader;

        public Task<int> Exited => _exited;

        public async ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            if (_hijacked is null)
            {
                return;
            }
            await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
                // The exec ended: what it did not read is dropped, as a pipe would.
            }
            finally
            {
                _writing.Release();
            }
        }

        public ValueTask CloseInputAsync()
        {
            _hijacked?.CloseWrite();
            return ValueTask.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_exited.IsCompleted)
            {
                // The caller left: the engine would leave the exec running; nothing of it may run on unattended.
                try
                {
                    var (exitCode, pid) = await _runtime.InspectExecAsync(_execId, CancellationToken.None).ConfigureAwait(false);
                    if (exitCode is null)
                    {
                        KillStrayExec(_handle, pid);
                    }
                }
                catch (RuntimeOperationException)
                {
                    // The container or the daemon is gone, and the exec with it.
                }
            }
            await _leaving.CancelAsync().ConfigureAwait(false);
            await _exited.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            _connection.Dispose();
            _leaving.Dispose();
            _writing.Dispose();
        }

        private async Task<int> RunAsync(bool tty)
        {
            try
            {
                if (tty)
                {
                    var buffer = new byte[16 * 1024];
                    int read;
                    while ((read = await _stream.ReadAsync(buffer, _leaving.Token).ConfigureAwait(false)) > 0)
                    {
                        await _output.Writer.WriteAsync(new ExecOutput(LogStream.Stdout, buffer.AsSpan(0, read).ToArray()), _leaving.Token).ConfigureAwait(false);
                    }
                }
                else
                {
                    await DockerStreamReader.ReadFramesAsync(_stream,
                        (kind, chunk) => _output.Writer.WriteAsync(new ExecOutput(kind, chunk.ToArray()), _leaving.Token), _leaving.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The connection ended or the caller left; the engine still knows the exit code.
            }
            finally
            {
                _output.Writer.TryComplete();
            }
            // The stream ends as the exec exits; the engine records the code a moment later.
            for (var attempt = 0; ; attempt++)
            {
                var (exitCode, _) = await _runtime.InspectExecAsync(_execId, CancellationToken.None).ConfigureAwait(false);
                if (exitCode is { } code)
                {
                    return code;
                }
                if (_leaving.IsCancellationRequested || attempt >= 100)
                {
                    return -1;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50), _runtime._time).ConfigureAwait(false);
            }
        }
    }
}
