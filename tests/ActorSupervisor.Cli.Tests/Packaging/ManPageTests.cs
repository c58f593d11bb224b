using System.CommandLine;
using System.Diagnostics;
using ActorSupervisor.Cli.Commands;
using ActorSupervisor.Cli.Tests.Support;

namespace ActorSupervisor.Cli.Tests.Packaging;

/// <summary><c>asv man</c>: asv(1) generated from the command tree, read back by groff as man(1) would.</summary>
public sealed class ManPageTests
{
    private readonly RecordingHandlers handlers = new();

    [Fact]
    public async Task Every_visible_command_and_option_of_the_tree_is_in_the_page()
    {
        var result = await new CliRunner().RunAsync(handlers.All, "man");
        var root = AsvCommandLine.Build(handlers.All, _ => null);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(".TH ASV 1 ", result.Out);
        var paths = Walk(root, "asv").ToList();
        Assert.True(paths.Count > 25, $"the tree has its commands ({paths.Count})");
        foreach (var (path, command) in paths)
        {
            Assert.Contains(".SS \"" + Roff(path), result.Out);
            foreach (var option in command.Options.Where(o => !o.Hidden))
                Assert.Contains("\\fB" + Roff(option.Name) + "\\fR", result.Out);
        }
        Assert.Contains("\\fB\\-\\-token\\-file\\fR \\fIpath\\fR", result.Out);
        Assert.DoesNotContain(".SS \"asv man", result.Out); // hidden, as in --help
    }

    [Fact]
    public async Task Man_is_hidden_from_help()
    {
        var result = await new CliRunner().RunAsync(handlers.All, "--help");

        Assert.DoesNotContain(" man ", result.Out);
    }

    [Fact]
    public async Task Groff_formats_the_page_without_a_warning()
    {
        var page = (await new CliRunner().RunAsync(handlers.All, "man")).Out;
        var groff = new ProcessStartInfo("groff", ["-man", "-Tutf8", "-ww", "-P-cbou"]) // plain text: no bold or underline sequences
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };

        using var process = Process.Start(groff)!;
        await process.StandardInput.WriteAsync(page);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal("", errors);
        Assert.Equal(0, process.ExitCode);
        var text = await output;
        Assert.Contains("asv - run, watch and steer the containers", text);
        Assert.Contains("asv sharding stats", text);
        Assert.Contains("EXIT STATUS", text);
    }

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path)
    {
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            var subPath = path + " " + sub.Name;
            yield return (subPath, sub);
            foreach (var nested in Walk(sub, subPath))
                yield return nested;
        }
    }

    private static string Roff(string text) => text.Replace("-", "\\-", StringComparison.Ordinal);
}
