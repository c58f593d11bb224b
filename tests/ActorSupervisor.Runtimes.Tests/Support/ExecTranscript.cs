using System.Text;
using ActorSupervisor.Containers.Runtimes;

namespace ActorSupervisor.Runtimes.Tests.Support;

/// <summary>What an exec printed, per stream, and how it exited.</summary>
public sealed record ExecTranscript(string Stdout, string Stderr, int ExitCode)
{
    /// <summary>Reads the session's output to its end (failing after <paramref name="within"/>) and its exit code.</summary>
    public static async Task<ExecTranscript> ReadAsync(IExecSession session, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        await foreach (var chunk in session.Output.ReadAllAsync(deadline.Token))
            (chunk.Stream == LogStream.Stderr ? stderr : stdout).Write(chunk.Data.Span);
        var exitCode = await session.Exited.WaitAsync(deadline.Token);
        return new ExecTranscript(Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()), exitCode);
    }
}
