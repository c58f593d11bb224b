using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary>Exits and OOM kills from the daemon's <c>/events</c> stream, and reconciliation when it reconnects.</summary>
public sealed partial class DockerRuntime
{
    private const int LateOomChecks = 5;
    private static readonly TimeSpan LateOomInterval = TimeSpan.FromMilliseconds(100);

    private async Task FollowEventsAsync(CancellationToken cancellationToken)
    {
        var path = "events?filters=" + Filters(new()
        {
            ["type"] = ["container"],
            ["event"] = ["die", "oom"],
            ["label"] = [NodeLabelFilter],
        });
        var announcedOutage = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await _client.OpenStreamAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
                if (announcedOutage)
                {
                    _logger.LogInformation("Docker daemon at {Socket} is back; reconciling {Count} containers", _options.SocketPath, _tracked.Count);
                    announcedOutage = false;
                }
                // Exits that happened while the stream was down are not replayed by a restarted daemon: ask for each.
                await ReconcileAsync(cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (line.Length > 0)
                    {
                        await HandleEventAsync(JsonDocument.Parse(line).RootElement).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RuntimeOperationException or DockerApiException or IOException or HttpRequestException or JsonException)
            {
                if (!announcedOutage)
                {
                    _logger.LogWarning("Docker event stream from {Socket} broke ({Reason}); reconnecting", _options.SocketPath, e.Message);
                    announcedOutage = true;
                }
            }
            try
            {
                await Task.Delay(_options.ReconnectDelay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task HandleEventAsync(JsonElement message)
    {
        var action = message.TryGetProperty("Action", out var a) ? a.GetString() : message.GetProperty("status").GetString();
        var dockerId = message.TryGetProperty("id", out var id) ? id.GetString() : message.GetProperty("Actor").GetProperty("ID").GetString();
        if (dockerId is null || !_tracked.TryGetValue(dockerId, out var workload))
        {
            return;
        }
        // An OOM can come before the start call has even returned: it is reported after the start, never before.
        if (action == "oom" && await workload.StartReported.ConfigureAwait(false))
        {
            ReportOom(workload);
        }
        else if (action == "die")
        {
            await FinishAsync(workload).ConfigureAwait(false);
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        foreach (var workload in _tracked.Values)
        {
            if (await workload.StartReported.ConfigureAwait(false)
                && await TryInspectAsync(workload.Handle.WorkloadId, cancellationToken).ConfigureAwait(false) is null or { Running: false })
            {
                await FinishAsync(workload).ConfigureAwait(false);
            }
        }
    }

    private void ReportOom(DockerWorkload workload)
    {
        // Emitted under the lock: whoever finds the flag set knows the signal is already out, ahead of any exit.
        lock (workload.Gate)
        {
            if (!workload.OomReported)
            {
                workload.OomReported = true;
                Emit(new WorkloadOomKilled(workload.Handle.ContainerId, workload.Handle.WorkloadId, _time.GetUtcNow()));
            }
        }
    }

    /// <summary>
    /// The engine flags an OOM kill from its own <c>oom</c> event, which may reach it after the exit (seen on a loaded
    /// machine: exit 137, not flagged): a SIGKILL exit not flagged yet is asked again for a moment before it counts as a
    /// plain kill. Costs a kill by hand (also 137) at most <see cref="LateOomChecks"/> short waits.
    /// </summary>
    private async Task<DockerContainerState?> AwaitLateOomAsync(DockerWorkload workload, DockerContainerState? state)
    {
        for (var i = 0; i < LateOomChecks && state is { ExitCode: 137, OomKilled: false } && !workload.OomReported; i++)
        {
            await Task.Delay(LateOomInterval, _time).ConfigureAwait(false);
            try
            {
                state = await TryInspectAsync(workload.Handle.WorkloadId, CancellationToken.None).ConfigureAwait(false) ?? state;
            }
            catch (RuntimeOperationException)
            {
                return state;
            }
        }
        return state;
    }

    /// <summary>Reports the exit once, with the code and OOM flag Docker recorded, after the start was reported.</summary>
    private async Task FinishAsync(DockerWorkload workload)
    {
        if (!await workload.StartReported.ConfigureAwait(false) || !workload.TryBeginFinish())
        {
            return;
        }
        DockerContainerState? state = null;
        try
        {
            state = await TryInspectAsync(workload.Handle.WorkloadId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RuntimeOperationException e)
        {
            _logger.LogWarning("Container {ContainerId}: exit seen but inspect failed: {Reason}", workload.Handle.ContainerId, e.Message);
        }
        state = await AwaitLateOomAsync(workload, state).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        // A removed container leaves no record: its code is unknown.
        var status = state is null
            ? new WorkloadStatus(false, null, false, now)
            : new WorkloadStatus(false, state.ExitCode, state.OomKilled, state.FinishedAt ?? now);
        if (status.OomKilled)
        {
            ReportOom(workload);
        }
        _finished[workload.Handle.WorkloadId] = status;
        _tracked.TryRemove(workload.Handle.WorkloadId, out _);
        Emit(new WorkloadExited(workload.Handle.ContainerId, workload.Handle.WorkloadId, status.FinishedAt!.Value, status.ExitCode, status.OomKilled));
        workload.Complete(status);
    }
}
