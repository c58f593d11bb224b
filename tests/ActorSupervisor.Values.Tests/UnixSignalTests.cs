using ActorSupervisor.Values;

namespace ActorSupervisor.Values.Tests;

// Oracle: moby/sys signal.ParseSignal: a number, or a name with or without SIG, any case.
public sealed class UnixSignalTests
{
    [Theory]
    [InlineData("SIGTERM", 15, "SIGTERM")]
    [InlineData("TERM", 15, "SIGTERM")]
    [InlineData("term", 15, "SIGTERM")]
    [InlineData("15", 15, "SIGTERM")]
    [InlineData("SIGKILL", 9, "SIGKILL")]
    [InlineData("kill", 9, "SIGKILL")]
    [InlineData("9", 9, "SIGKILL")]
    [InlineData("HUP", 1, "SIGHUP")]
    [InlineData("SIGUSR1", 10, "SIGUSR1")]
    [InlineData("sigint", 2, "SIGINT")]
    [InlineData("SIGIOT", 6, "SIGABRT")]
    [InlineData("poll", 29, "SIGIO")]
    [InlineData("34", 34, "34")]
    public void Reads_names_and_numbers(string text, int number, string name)
    {
        Assert.True(UnixSignal.TryParse(text, out var signal, out var error), error);
        Assert.Equal(new UnixSignal(number, name), signal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("SIGFOO")]
    [InlineData("SIGRTMIN+3")]
    [InlineData("-9")]
    public void Rejects_unknown_signals_naming_them(string text)
    {
        Assert.False(UnixSignal.TryParse(text, out _, out var error));
        Assert.Equal($"'{text}' is not a signal; use a name like SIGTERM or TERM, or a number 1-64", error);
    }

    [Fact]
    public void Numbers_get_their_canonical_names()
    {
        Assert.Equal(UnixSignal.Kill, UnixSignal.FromNumber(9));
        Assert.Equal(UnixSignal.Terminate, UnixSignal.FromNumber(15));
        Assert.Equal("SIGSYS", UnixSignal.FromNumber(31).Name);
        Assert.Equal("64", UnixSignal.FromNumber(64).ToString());
    }
}
