using ActorSupervisor.Containers.Domain.Parsing;

namespace ActorSupervisor.Containers.Tests.Parsing;

// Oracle: moby/sys signal.ParseSignal: a number, or a name with or without SIG, any case.
public class UnixSignalTests
{
    [Theory]
    [InlineData("SIGTERM", 15, "SIGTERM")]
    [InlineData("TERM", 15, "SIGTERM")]
    [InlineData("term", 15, "SIGTERM")]
    [InlineData("15", 15, "SIGTERM")]
    [InlineData("SIGKILL", 9, "SIGKILL")]
    [InlineData("kill", 9, "SIGKILL")]
    [InlineData("HUP", 1, "SIGHUP")]
    [InlineData("SIGUSR1", 10, "SIGUSR1")]
    [InlineData("sigint", 2, "SIGINT")]
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
    [InlineData("-9")]
    public void Rejects_unknown_signals_naming_them(string text)
    {
        Assert.False(UnixSignal.TryParse(text, out _, out var error));
        Assert.Contains($"'{text}'", error);
    }
}
