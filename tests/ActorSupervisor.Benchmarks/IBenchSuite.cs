namespace ActorSupervisor.Benchmarks;

/// <summary>One benchmark suite, run by <c>./bench.sh NAME [--quick]</c>.</summary>
public interface IBenchSuite
{
    /// <summary>The name given on the command line.</summary>
    string Name { get; }

    /// <summary>Runs the suite and reports each figure through <see cref="BenchContext.Report"/>.</summary>
    Task RunAsync(BenchContext context);
}

/// <summary>What a suite is run with, and where its figures go.</summary>
/// <param name="Quick">A run under a minute, for CI and reviewers: smaller counts, same figures.</param>
/// <param name="Only">The parts of the suite to run (<c>--only=a,b</c>), for profiling one of them; empty runs them all.</param>
public sealed record BenchContext(bool Quick, IReadOnlySet<string> Only)
{
    /// <summary>Whether the part named <paramref name="part"/> runs (every part does unless <c>--only</c> names some).</summary>
    public bool Runs(string part) => Only.Count == 0 || Only.Contains(part);

    /// <summary>Prints one figure as <c>BENCH name value unit</c>.</summary>
    public void Report(string name, double value, string unit) =>
        Console.WriteLine(FormattableString.Invariant($"BENCH {name} {value:0.###} {unit}"));
}
