using System.Text.Json;

namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary><c>stats</c>: the engine's one-shot stats of the container, read as <c>docker stats</c> reads them.</summary>
public sealed partial class DockerRuntime
{
    /// <inheritdoc />
    public async Task<WorkloadStats?> StatsAsync(WorkloadHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        JsonElement? answer;
        try
        {
            answer = await _client.SendAsync(HttpMethod.Get, $"containers/{handle.WorkloadId}/stats?stream=false&one-shot=true", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (DockerClient.IsNotFound(e))
        {
            return null;
        }
        catch (DockerApiException e)
        {
            throw new RuntimeOperationException($"container {handle.ContainerId}: cannot read stats: {e.Message}", e);
        }
        if (answer is not { } stats || Number(stats, "pids_stats", "current") is not { } pids)
        {
            return null; // Not running: the engine answers with empty figures.
        }
        var memory = Number(stats, "memory_stats", "usage") ?? 0;
        // As the docker CLI shows it: the page cache the kernel can drop at once does not count as use.
        var inactive = Number(stats, "memory_stats", "stats", "inactive_file") ?? Number(stats, "memory_stats", "stats", "total_inactive_file") ?? 0;
        long? received = null, sent = null;
        if (stats.TryGetProperty("networks", out var networks) && networks.ValueKind == JsonValueKind.Object)
        {
            foreach (var network in networks.EnumerateObject())
            {
                received = (received ?? 0) + (Number(network.Value, "rx_bytes") ?? 0);
                sent = (sent ?? 0) + (Number(network.Value, "tx_bytes") ?? 0);
            }
        }
        return new WorkloadStats(
            _time.GetUtcNow(),
            TimeSpan.FromTicks((Number(stats, "cpu_stats", "cpu_usage", "total_usage") ?? 0) / 100),
            Math.Max(0, memory - inactive),
            Number(stats, "memory_stats", "limit"),
            (int)pids,
            BlockBytes(stats, "read"),
            BlockBytes(stats, "write"),
            received,
            sent);
    }

    private static long? BlockBytes(JsonElement stats, string operation)
    {
        if (!stats.TryGetProperty("blkio_stats", out var blkio) || !blkio.TryGetProperty("io_service_bytes_recursive", out var entries)
            || entries.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        return entries.EnumerateArray()
            .Where(e => string.Equals(e.GetProperty("op").GetString(), operation, StringComparison.OrdinalIgnoreCase))
            .Sum(e => e.GetProperty("value").GetInt64());
    }

    private static long? Number(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) ? value : null;
    }
}
