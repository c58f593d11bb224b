using System.Diagnostics;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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

    private static async Task<string[]> SuggestFrom(IActorSupervisorClient client, string line)
    {
        var result = await new CliRunner().RunAsync(client, $"[suggest:{line.Length}]", line);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        return result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Suggests_commands_by_prefix_only()
    {
        // Issue 15: "st" offered history, restart and cluster too (System.CommandLine matches substrings).
        Assert.Equal(["start", "stats", "stop"], await Suggest("asv st"));
        Assert.Equal(["remove", "restart", "rm", "run"], await Suggest("asv r"));
        Assert.Null(handlers.Method);
    }

    [Fact]
    public async Task Suggests_container_names_where_a_container_is_expected()
    {
        var node = new FakeNodeClient();
        node.Containers.Add(Samples.Summary("web", ContainerStates.Running));
        node.Containers.Add(Samples.Summary("worker", ContainerStates.Exited));

        Assert.Equal(["web", "worker"], await SuggestFrom(node, "asv stop "));
        Assert.Equal(["web", "worker"], await SuggestFrom(node, "asv logs -f w"));
        Assert.Equal(["worker"], await SuggestFrom(node, "asv rm web wo"));
        Assert.Equal(["3f2a9c1b7d4e"], await SuggestFrom(node, "asv inspect 3f"));
        Assert.Equal("list all=True filters=", node.Calls[0]);
    }

    [Fact]
    public async Task Offers_no_names_where_no_container_is_expected()
    {
        var node = new FakeNodeClient();
        node.Containers.Add(Samples.Summary("web", ContainerStates.Running));

        Assert.DoesNotContain("web", await SuggestFrom(node, "asv ps "));
        Assert.DoesNotContain("web", await SuggestFrom(node, "asv history web ")); // history takes one container
        Assert.Equal(["--follow"], await SuggestFrom(node, "asv logs --fo"));
    }

    [Fact]
    public async Task An_unreachable_node_offers_no_names_and_no_error()
    {
        var unreachable = new RefusingClient(new NodeUnreachableException(new Uri("http://10.9.8.7:7411"), "connection refused"));
        Assert.Equal(["start", "stats", "stop"], await SuggestFrom(unreachable, "asv st"));
        Assert.Empty(await SuggestFrom(unreachable, "asv stop w"));
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
        // Nothing listens on port 1: the names are silently missing, the commands are not.
        var replies = await CompleteInBashAsync("http://127.0.0.1:1", "asv unp", "asv st", "asv stop w");
        Assert.Equal(["unpause", "start stats stop", ""], replies);
    }

    [Fact]
    public async Task The_bash_script_completes_container_names_from_the_node()
    {
        await using var stub = await StubNodeServer.StartAsync(app => app.MapGet("/api/v1/containers", () => Results.Text(
            """[{"id":"3f2a9c1b7d4e5f60","name":"web","runtime":"process","state":"running","restart":"no","restartCount":0,"node":"n","labels":{},"createdAt":"2026-11-21T03:00:00Z"},"""
            + """{"id":"77aa9c1b7d4e5f60","name":"worker","runtime":"process","state":"exited","restart":"no","restartCount":0,"node":"n","labels":{},"createdAt":"2026-11-21T03:00:00Z"}]""",
            "application/json")));

        var replies = await CompleteInBashAsync(stub.Url.ToString(), "asv stop w", "asv restart web wor", "asv ps -");

        Assert.Equal("web worker", replies[0]);
        Assert.Equal("worker", replies[1]);
        Assert.DoesNotContain("web", replies[2]);
        Assert.Contains("/api/v1/containers?all=true", stub.Requests.Select(r => r.PathAndQuery));
    }

    /// <summary>Sources <c>asv completion bash</c> in a real bash and completes each line; one space-joined reply per line.</summary>
    private static async Task<string[]> CompleteInBashAsync(string node, params string[] lines)
    {
        var asvDll = typeof(ActorSupervisor.Cli.App.AsvApp).Assembly.Location;
        var script = new System.Text.StringBuilder($$"""
            asv() { dotnet "{{asvDll}}" "$@"; }
            export ASV_NODE='{{node}}'
            source <(asv completion bash)

            """);
        foreach (var line in lines)
        {
            var words = string.Join(' ', line.Split(' ').Select(w => $"'{w}'"));
            script.Append($$"""
                COMP_LINE='{{line}}'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=({{words}}); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                _asv_complete
                echo "${COMPREPLY[*]}"

                """);
        }
        var start = new ProcessStartInfo("bash", ["-c", script.ToString()]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var error = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(bash.ExitCode == 0, error);
        return (await output).Split('\n')[..lines.Length];
    }
}
