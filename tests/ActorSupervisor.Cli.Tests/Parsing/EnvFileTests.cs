using ActorSupervisor.Cli.Handlers;
using ActorSupervisor.Cli.Tests.Support;

namespace ActorSupervisor.Cli.Tests.Parsing;

/// <summary><c>--env-file</c> in Docker's format, read from real files.</summary>
public sealed class EnvFileTests : IDisposable
{
    private readonly RecordingHandlers handlers = new();
    private readonly CliRunner runner = new();
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Env_file_lines_comments_names_taken_from_the_caller_and_e_overriding_the_file()
    {
        runner.Variables["FROM_CALLER"] = "caller's value";
        var path = files.Write("app.env", """
            # settings for the demo
            GREETING=hello world
              INDENTED=yes
            QUOTED="kept as written"
            FROM_CALLER
            NOT_IN_CALLER

            OVERRIDDEN=from file
            EMPTY=
            """);

        var result = await runner.RunAsync(handlers.All, "run", "--name", "web", "--env-file", path, "-e", "OVERRIDDEN=from flag", "--", "sleep", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(new Dictionary<string, string>
        {
            ["GREETING"] = "hello world", ["INDENTED"] = "yes", ["QUOTED"] = "\"kept as written\"", ["FROM_CALLER"] = "caller's value",
            ["OVERRIDDEN"] = "from flag", ["EMPTY"] = "",
        }, handlers.RequestAs<RunRequest>().Spec!.Env);
    }

    [Fact]
    public async Task A_bad_line_is_a_usage_error_naming_the_file_and_line_and_nothing_is_sent()
    {
        var path = files.Write("bad.env", "GOOD=1\n# fine\nBAD NAME=2\n");

        var result = await runner.RunAsync(handlers.All, "create", "--name", "web", "--env-file", path, "--", "sleep", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--env-file {path}:3: variable name 'BAD NAME' contains whitespace", result.Err, StringComparison.Ordinal);
        Assert.Null(handlers.Method);
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error_naming_it()
    {
        var path = files.PathOf("missing.env");

        var result = await runner.RunAsync(handlers.All, "run", "--name", "web", "--env-file", path, "--", "sleep", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--env-file {path}:", result.Err, StringComparison.Ordinal);
    }
}
