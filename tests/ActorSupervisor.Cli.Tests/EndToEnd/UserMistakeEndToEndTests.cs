using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>Issue 15: a user's mistake is reported to the user and logged by the node as one warning line, not a stack trace at error level.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class UserMistakeEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Running_a_missing_program_is_one_warning_line_in_the_node_s_log()
    {
        var result = await Asv.RunAsync(fixture.Url, "run", "--name", "mistake", "--", "no-such-program-here");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("executable file not found in $PATH", result.Err, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => fixture.Node.Output.Contains("refused by the runtime", StringComparison.Ordinal), "the node logs the refusal",
            TimeSpan.FromSeconds(10));
        var log = fixture.Node.Output;
        Assert.Single(log.Split('\n'), l => l.Contains("refused by the runtime", StringComparison.Ordinal));
        Assert.DoesNotContain("fail:", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }
}
