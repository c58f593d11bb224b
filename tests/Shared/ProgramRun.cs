using System.Diagnostics;

namespace ActorSupervisor.Tests.Shared;

/// <summary>What a program run to its end printed, and its exit code.</summary>
public sealed record ProgramResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams, for a failure message.</summary>
    public string Output => Stdout + Stderr;
}

/// <summary>Runs a program (the node, docker, docker-compose, systemd-analyze) to its end, reading both its streams as it goes.</summary>
public static class ProgramRun
{
    /// <summary>The node's own program with <paramref name="arguments"/>, as <c>dotnet ActorSupervisor.Node.dll</c>.</summary>
    public static Task<ProgramResult> NodeAsync(params string[] arguments) =>
        RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "ActorSupervisor.Node.dll"), .. arguments], TimeSpan.FromSeconds(60));

    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="workingDirectory"/> (this process's when null), with
    /// <paramref name="environment"/> over this process's (a null value unsets the variable) and <paramref name="input"/>
    /// on its standard input (then closed; none when null); past <paramref name="timeout"/> it is killed and this throws.
    /// </summary>
    /// <exception cref="TimeoutException">The program did not end within <paramref name="timeout"/>.</exception>
    public static async Task<ProgramResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null, string? input = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}");
        }
        return new ProgramResult(process.ExitCode, await stdout, await stderr);
    }
}
