using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ActorSupervisor.Containers.Domain;

namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary>Health probes through <c>exec</c>, and logs.</summary>
public sealed partial class DockerRuntime
{
    /// <inheritdoc />
    public async Task<ProbeResult> ExecProbeAsync(WorkloadHandle handle, CommandLine probe, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ProbeOutput.CheckRequest(probe, timeout);
        var started = _time.GetTimestamp();
        var created = await Call(() => _client.SendAsync(HttpMethod.Post, $"containers/{handle.WorkloadId}/exec", new JsonObject
        {
            ["AttachStdout"] = true,
            ["AttachStderr"] = true,
            ["Cmd"] = new JsonArray(probe.ToArgv().Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
        }, cancellationToken), $"container {handle.ContainerId}: cannot run probe {probe}").ConfigureAwait(false);
        var execId = created!.Value.GetProperty("Id").GetString()!;

        var output = new ProbeOutput();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            using var response = await _client.OpenStreamAsync(HttpMethod.Post, $"exec/{execId}/start", new JsonObject { ["Detach"] = false, ["Tty"] = false }, deadline.Token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await DockerStreamReader.ReadFramesAsync(stream, (_, chunk) => output.Append(chunk.Span), deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
        }
        catch (DockerApiException e)
        {
            throw new RuntimeOperationException($"container {handle.ContainerId}: cannot run probe {probe}: {e.Message}", e);
        }
        var exec = await Call(() => _client.SendAsync(HttpMethod.Get, $"exec/{execId}/json", cancellationToken: cancellationToken),
            $"container {handle.ContainerId}: cannot inspect probe {probe}").ConfigureAwait(false);
        var duration = _time.GetElapsedTime(started);
        if (timedOut)
        {
            KillStrayExec(handle, exec!.Value.GetProperty("Pid").GetInt32());
            return ProbeOutput.TimedOut(output.ToString(), duration);
        }
        var exitCode = exec!.Value.GetProperty("ExitCode").ValueKind == System.Text.Json.JsonValueKind.Number ? exec.Value.GetProperty("ExitCode").GetInt32() : -1;
        return new ProbeResult(exitCode, output.ToString(), duration, TimedOut: false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LogLine> ReadLogsAsync(string containerId, LogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ContainerIds.Check(containerId);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Tail is < 0)
        {
            throw new ArgumentException($"tail is {query.Tail}; it must not be negative", nameof(query));
        }
        var path = new StringBuilder($"containers/{DockerName(containerId)}/logs?stdout=1&stderr=1&timestamps=1");
        path.Append(query.Follow ? "&follow=1" : "&follow=0");
        path.Append(query.Tail is { } tail ? Invariant($"&tail={tail}") : "&tail=all");
        if (query.Since is { } since)
        {
            path.Append(Invariant($"&since={since.ToUnixTimeMilliseconds() / 1000.0:0.000}"));
        }
        HttpResponseMessage response;
        try
        {
            response = await _client.OpenStreamAsync(HttpMethod.Get, path.ToString(), null, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (DockerClient.IsNotFound(e))
        {
            yield break;
        }
        catch (DockerApiException e)
        {
            throw new RuntimeOperationException($"container {containerId}: cannot read logs: {e.Message}", e);
        }
        using (response)
        {
            var lines = Channel.CreateUnbounded<LogLine>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var reading = ReadLogFramesAsync(stream, lines.Writer, cancellationToken);
            await foreach (var line in lines.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (query.Since is null || line.Timestamp >= query.Since)
                {
                    yield return line;
                }
            }
            await reading.ConfigureAwait(false);
        }
    }

    private static async Task ReadLogFramesAsync(Stream stream, ChannelWriter<LogLine> lines, CancellationToken cancellationToken)
    {
        try
        {
            await DockerStreamReader.ReadFramesAsync(stream, (kind, chunk) =>
            {
                foreach (var text in Encoding.UTF8.GetString(chunk.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    lines.TryWrite(DockerLogLine.Parse(kind, text));
                }
            }, cancellationToken).ConfigureAwait(false);
            lines.TryComplete();
        }
        catch (Exception e)
        {
            lines.TryComplete(e);
        }
    }

    /// <summary>
    /// Docker leaves a timed-out exec running; kill it when it is on this host, which its pid's cgroup proves
    /// (it names the container), so a pid from a daemon in a VM never hits an unrelated process.
    /// </summary>
    private static void KillStrayExec(WorkloadHandle handle, int pid)
    {
        try
        {
            if (pid > 0 && File.ReadAllText($"/proc/{pid}/cgroup").Contains(handle.WorkloadId, StringComparison.Ordinal))
            {
                Native.Kill(pid, SignalNames.Kill);
            }
        }
        catch (IOException)
        {
            // Already gone.
        }
    }
}
