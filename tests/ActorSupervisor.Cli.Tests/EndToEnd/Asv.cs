using System.Diagnostics;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// The real <c>asv</c> as a child process (<c>dotnet asv.dll --node URL ...</c>, the binary <c>./asv</c> runs),
/// with NO_COLOR set and its output redirected, so it prints what a user's pipe would get.
/// </summary>
internal static class Asv
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs one command against <paramref name="node"/> to its end and returns what it printed.</summary>
    /// <remarks>The node's token reaches asv as <c>ASV_TOKEN_FILE</c> (see <see cref="NodeProcess.TokenFileOf"/>).</remarks>
    public static Task<CliResult> RunAsync(Uri node, params string[] args) =>
        RunWithAsync(TokenEnvironment(node), ["--node", node.ToString(), .. args]);

    /// <summary>Runs one command against <paramref name="node"/> with <paramref name="input"/> on its stdin (then closed).</summary>
    public static Task<CliResult> RunWithInputAsync(Uri node, string input, params string[] args) =>
        RunWithAsync(TokenEnvironment(node), input, ["--node", node.ToString(), .. args]);

    /// <summary>Runs asv with exactly <paramref name="args"/> (no <c>--node</c> and no token added).</summary>
    public static Task<CliResult> RunRawAsync(params string[] args) => RunWithAsync(new Dictionary<string, string?>(), args);

    /// <summary>Runs asv with exactly <paramref name="args"/> and <paramref name="environment"/> on top of the clean one.</summary>
    public static Task<CliResult> RunWithAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunWithAsync(environment, null, args);

    private static async Task<CliResult> RunWithAsync(IReadOnlyDictionary<string, string?> environment, string? input, string[] args)
    {
        var start = StartInfo(args);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        start.RedirectStandardInput = input is not null;
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"asv {string.Join(' ', args)} did not end within {CommandTimeout.TotalSeconds}s");
        }
        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a command that keeps running (<c>events -f</c>, <c>logs -f</c>); disposing it kills it.</summary>
    public static AsvFollower Follow(Uri node, params string[] args)
    {
        var start = StartInfo(["--node", node.ToString(), .. args]);
        foreach (var (name, value) in TokenEnvironment(node))
            start.Environment[name] = value;
        return new(Process.Start(start)!);
    }

    private static Dictionary<string, string?> TokenEnvironment(Uri node) =>
        NodeProcess.TokenFileOf(node) is { } file ? new() { ["ASV_TOKEN_FILE"] = file } : new();

    /// <summary>Runs one command that must succeed and returns its stdout.</summary>
    public static async Task<string> OkAsync(Uri node, params string[] args)
    {
        var result = await RunAsync(node, args);
        Assert.True(result.ExitCode == 0, $"asv {string.Join(' ', args)}: {result}");
        return result.Out;
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NO_COLOR"] = "1", ["ASV_NODE"] = null, ["ASV_TOKEN"] = null, ["ASV_TOKEN_FILE"] = null, ["ASV_DATA_DIR"] = null },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "asv.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return start;
    }
}
