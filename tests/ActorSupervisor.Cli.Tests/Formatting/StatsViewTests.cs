using ActorSupervisor.Cli.Output;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Tests.Formatting;

/// <summary><c>stats</c>'s arithmetic and Docker's units.</summary>
public sealed class StatsViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 18, 0, 0, TimeSpan.Zero);

    private static ContainerStats At(DateTimeOffset time, long cpuNanoseconds) =>
        new("abc", "web", time, cpuNanoseconds, 0, null, 1, null, null, null, null);

    [Fact]
    public void Cpu_percent_is_cpu_time_over_wall_time_between_two_readings_100_per_core()
    {
        Assert.Equal(50.0, StatsView.CpuPercent(At(T0, 1_000_000_000), At(T0.AddSeconds(2), 2_000_000_000))!.Value, 6);
        Assert.Equal(200.0, StatsView.CpuPercent(At(T0, 0), At(T0.AddSeconds(1), 2_000_000_000))!.Value, 6);
        Assert.Null(StatsView.CpuPercent(null, At(T0, 5)));
        // A restarted workload starts counting again: no negative percentage.
        Assert.Null(StatsView.CpuPercent(At(T0, 9_000_000_000), At(T0.AddSeconds(1), 1)));
    }

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(1023, "1023B")]
    [InlineData(1536, "1.5KiB")]
    [InlineData(67108864, "64MiB")]
    [InlineData(1606418, "1.532MiB")]
    public void Memory_sizes_are_binary_with_four_significant_digits(long bytes, string expected) => Assert.Equal(expected, StatsView.Binary(bytes));

    [Theory]
    [InlineData(648, "648B")]
    [InlineData(1234, "1.23kB")]
    [InlineData(5_000_000, "5MB")]
    public void Io_sizes_are_decimal_with_three_significant_digits(long bytes, string expected) => Assert.Equal(expected, StatsView.Decimal(bytes));
}
