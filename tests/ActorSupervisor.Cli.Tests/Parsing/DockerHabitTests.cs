using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Handlers;
using ActorSupervisor.Cli.Tests.Support;

namespace ActorSupervisor.Cli.Tests.Parsing;

/// <summary>Issue 15: what Docker users type first: <c>run -d</c>, bare <c>asv</c>, a mistyped verb.</summary>
public sealed class DockerHabitTests
{
    private readonly RecordingHandlers handlers = new();

    [Theory]
    [InlineData("-d")]
    [InlineData("--detach")]
    public async Task Run_accepts_detach_as_docker_does_and_ignores_it(string detach)
    {
        var result = await new CliRunner().RunAsync(handlers.All, "run", detach, "--name", "web", "--", "sleep", "60");

        Assert.True(result.ExitCode == 0, result.ToString());
        var spec = handlers.RequestAs<RunRequest>().Spec!;
        Assert.Equal(["sleep", "60"], spec.Command);
        Assert.Equal("web", spec.Name);
    }

    [Fact]
    public async Task Run_detach_also_goes_with_a_spec_file()
    {
        var result = await new CliRunner().RunAsync(handlers.All, "run", "-d", "-f", "specs.json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("specs.json", handlers.RequestAs<RunRequest>().File);
    }

    [Fact]
    public async Task Bare_asv_prints_help_and_exits_0_like_bare_docker()
    {
        var result = await new CliRunner().RunAsync(handlers.All);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
        Assert.Contains("Commands:", result.Out);
        Assert.Contains("events", result.Out);
        Assert.Equal("", result.Err);
        Assert.Null(handlers.Method);
    }

    [Theory]
    [InlineData("did you mean stop?", "stpo", "web")]
    [InlineData("did you mean inspect?", "inspcet", "web")]
    [InlineData("did you mean events?", "evnets", "-f")]
    [InlineData("did you mean stats?", "sharding", "stast")]
    [InlineData("did you mean --follow?", "logs", "--folow", "web")]
    [InlineData("did you mean --output?", "ps", "--ouput", "json")]
    public async Task A_mistyped_verb_or_option_gets_a_suggestion(string hint, params string[] args)
    {
        var result = await new CliRunner().RunAsync(handlers.All, args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"asv: {hint}\n", result.Err);
        Assert.Null(handlers.Method);
    }

    [Fact]
    public async Task A_word_far_from_every_verb_gets_no_guess()
    {
        var result = await new CliRunner().RunAsync(handlers.All, "frobnicate");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.DoesNotContain("did you mean", result.Err);
    }

    [Theory]
    [InlineData("stpo", "stop", 1)]
    [InlineData("stop", "stop", 0)]
    [InlineData("strat", "start", 1)]
    [InlineData("lgos", "logs", 1)]
    public void Swapped_neighbours_count_as_one_edit(string typed, string name, int distance) =>
        Assert.Equal(distance, CommandSuggestions.Distance(typed, name));
}
