using ActorSupervisor.Containers.Runtimes;
using FsCheck;
using FsCheck.Fluent;

namespace ActorSupervisor.Runtimes.Tests.Units;

public class SignalNamesTests
{
    [Theory]
    [InlineData("SIGTERM", 15)]
    [InlineData("TERM", 15)]
    [InlineData("sigkill", 9)]
    [InlineData("kill", 9)]
    [InlineData(" 2 ", 2)]
    [InlineData("SIGRTMIN", -1)]
    public void Names_and_numbers_are_read_as_docker_accepts_them(string signal, int expected)
    {
        if (expected < 0)
        {
            var error = Assert.Throws<ArgumentException>(() => SignalNames.ToNumber(signal));
            Assert.Contains(signal, error.Message);
            return;
        }
        Assert.Equal(expected, SignalNames.ToNumber(signal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-9")]
    [InlineData("")]
    public void Out_of_range_or_empty_signals_are_rejected_with_the_value_named(string signal) =>
        Assert.Contains($"'{signal}'", Assert.Throws<ArgumentException>(() => SignalNames.ToNumber(signal)).Message);

    [Fact]
    public void Every_number_survives_a_round_trip_through_its_name() =>
        Prop.ForAll(Gen.Choose(1, 64).ToArbitrary(), n => SignalNames.ToNumber(SignalNames.ToName(n)) == n)
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_signalled_exit_is_128_plus_the_signal_as_docker_reports_it()
    {
        Assert.Equal(137, SignalNames.ExitCodeFor(SignalNames.ToNumber("KILL")));
        Assert.Equal(143, SignalNames.ExitCodeFor(SignalNames.ToNumber("TERM")));
        Assert.Equal("SIGTERM", SignalNames.Normalize("term"));
    }
}
