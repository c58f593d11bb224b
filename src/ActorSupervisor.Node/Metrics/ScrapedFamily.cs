using Prometheus;

namespace ActorSupervisor.Node.Metrics;

/// <summary>
/// The labelled series of one family as one scrape writes them: a series not written again by the scrape is removed
/// at its end, so a removed container (or a value it no longer has) leaves <c>/metrics</c> instead of staying stale.
/// </summary>
internal sealed class ScrapedFamily<TChild>(Collector<TChild> family) where TChild : ChildBase
{
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    /// <summary>The series for <paramref name="labels"/>, kept by this scrape.</summary>
    public TChild Write(params string[] labels)
    {
        _written.Add(Key(labels));
        return family.WithLabels(labels);
    }

    /// <summary>Removes the series for <paramref name="labels"/> (a counter's reset: it starts again from its next value).</summary>
    public void Reset(params string[] labels) => family.RemoveLabelled(labels);

    /// <summary>Ends the scrape: removes every series it did not write.</summary>
    public void RemoveUnwritten()
    {
        foreach (var labels in family.GetAllLabelValues().ToList())
            if (!_written.Contains(Key(labels)))
                family.RemoveLabelled(labels);
        _written.Clear();
    }

    private static string Key(string[] labels) => string.Join('\0', labels);
}

/// <summary>Counter writes for <see cref="ScrapedFamily{TChild}"/>: a total read from elsewhere, set at each scrape.</summary>
internal static class ScrapedCounters
{
    /// <summary>
    /// Sets the counter for <paramref name="labels"/> to <paramref name="total"/>; a total below the exported one is a
    /// reset (a new run, an explicit start), which Prometheus reads from the series starting again.
    /// </summary>
    public static void WriteTotal(this ScrapedFamily<Counter.Child> family, double total, params string[] labels)
    {
        var child = family.Write(labels);
        if (total < child.Value)
        {
            family.Reset(labels);
            child = family.Write(labels);
        }
        child.IncTo(total);
    }
}
