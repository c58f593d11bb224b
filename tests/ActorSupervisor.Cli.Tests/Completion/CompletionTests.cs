using System.Diagnostics;
using ActorSupervisor.Cli.Tests.Support;

namespace ActorSupervisor.Cli.Tests.Completion;

public sealed class CompletionTests
{
    private readonly RecordingHandlers handlers = new();

    private async Task<string[]> Suggest(string line)
    {
        var result = await new CliRunner().RunAsync(handlers.All, $"[suggest:{line.Length}]", line);
        Assert.Equal(0, result.ExitCode);
        return result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Suggests_commands_by_prefix()
    {
        // Prefix matches first, then other commands containing the text.
        Assert.Equal(["start", "stop"], (await Suggest("asv st")).Take(2));
        Assert.Null(handlers.Method);
    }

    [Fact]
    public async Task Suggests_subcommands_and_options()
    {
        Assert.Equal(["regions", "stats"], (await Suggest("asv sharding ")).Where(s => char.IsLetter(s[0])));
        Assert.Contains("--filter", await Suggest("asv ps --f"));
        Assert.Contains("--prune", await Suggest("asv apply --p"));
    }

    [Fact]
    public async Task Suggests_the_choices_of_an_option()
    {
        Assert.Equal(["json"], await Suggest("asv ps --output j"));
        Assert.Equal(["docker"], await Suggest("asv run --runtime d"));
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _asv_complete asv ./asv")]
    [InlineData("zsh", "compdef _asv asv ./asv")]
    public async Task Prints_a_script_that_uses_the_suggest_directive(string shell, string registration)
    {
        var result = await new CliRunner().RunAsync(handlers.All, "completion", shell);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[suggest:", result.Out);
        Assert.Contains(registration, result.Out);
    }

    [Fact]
    public async Task The_bash_script_completes_in_a_real_bash()
    {
        var asvDll = typeof(ActorSupervisor.Cli.App.AsvApp).Assembly.Location;
        var script = $"""
            asv() {'{'} dotnet "{asvDll}" "$@"; {'}'}
            source <(asv completion bash)
            COMP_LINE='asv unp'; COMP_POINT=${'{'}#COMP_LINE{'}'}; COMP_WORDS=(asv unp); COMP_CWORD=1
            _asv_complete
            printf '%s\n' "${'{'}COMPREPLY[@]{'}'}"
            """;
        var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(start)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        var error = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(bash.ExitCode == 0, error);
        Assert.Equal("unpause\n", output);
    }
}
