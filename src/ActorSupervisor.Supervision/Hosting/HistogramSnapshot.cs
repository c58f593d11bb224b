namespace ActorSupervisor.Supervision.Hosting;

/// <summary>A histogram's state at one moment, as Prometheus publishes it.</summary>
/// <param name="UpperBoundsSeconds">Each bucket's upper bound in seconds; the last is +Inf.</param>
/// <param name="CumulativeCounts">Observations at or below each bound.</param>
/// <param name="Count">All observations.</param>
/// <param name="SumSeconds">The sum of all observations, in seconds.</param>
public sealed record HistogramSnapshot(IReadOnlyList<double> UpperBoundsSeconds, IReadOnlyList<long> CumulativeCounts, long Count, double SumSeconds);
