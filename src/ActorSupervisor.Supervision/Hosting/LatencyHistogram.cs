namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// A lock-free latency histogram with fixed bucket bounds, in the shape Prometheus exposes (cumulative
/// buckets, count and sum), cheap enough to record on every journal write.
/// </summary>
public sealed class LatencyHistogram
{
    private static readonly double[] Bounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
    private readonly long[] _counts = new long[Bounds.Length + 1];
    private long _sumTicks;

    /// <summary>The finite bucket upper bounds in seconds, ascending (an exporter's histogram uses the same ones).</summary>
    public static IReadOnlyList<double> UpperBoundsSeconds => Bounds;

    /// <summary>
    /// Raised on every <see cref="Record"/> with the observation, on the recording thread: the node's Prometheus
    /// histogram observes through it (a pre-aggregated histogram cannot be handed to its exporter).
    /// </summary>
    public event Action<TimeSpan>? Recorded;

    /// <summary>Counts one observation of <paramref name="elapsed"/>.</summary>
    public void Record(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var bucket = 0;
        while (bucket < Bounds.Length && seconds > Bounds[bucket]) bucket++;
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Add(ref _sumTicks, Math.Max(0, elapsed.Ticks));
        Recorded?.Invoke(elapsed);
    }

    /// <summary>The observations so far: cumulative counts per upper bound (the last bound is +Inf), count and sum.</summary>
    public HistogramSnapshot Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Interlocked.Read(ref _counts[i]);
            cumulative[i] = running;
        }
        return new HistogramSnapshot([.. Bounds, double.PositiveInfinity], cumulative, running,
            TimeSpan.FromTicks(Interlocked.Read(ref _sumTicks)).TotalSeconds);
    }
}
