using System.Threading.Channels;

namespace ActorSupervisor.Containers.Runtimes;

/// <summary>A command to run beside a workload, as <c>docker exec</c> does: in its cgroup, as its user, in its working directory, with its environment.</summary>
/// <param name="Argv">The program and its arguments (exec form).</param>
/// <param name="AttachStdin">Its standard input is fed through <see cref="IExecSession.WriteInputAsync"/>; otherwise it reads end-of-file at once.</param>
/// <param name="Tty">It runs on a terminal (Docker only; the process runtime refuses it).</param>
public sealed record ExecRequest(IReadOnlyList<string> Argv, bool AttachStdin = false, bool Tty = false);

/// <summary>A chunk of an exec's output; with a terminal everything comes as <see cref="LogStream.Stdout"/>.</summary>
public sealed record ExecOutput(LogStream Stream, ReadOnlyMemory<byte> Data);

/// <summary>
/// A command running beside a workload. Its output is read in order from <see cref="Output"/>, which completes when the
/// command has exited and its output has drained; then <see cref="Exited"/> has its exit code. Disposing it before
/// the command exits kills it (and what it started in its process group).
/// </summary>
public interface IExecSession : IAsyncDisposable
{
    /// <summary>Its stdout and stderr as they come; a slow reader slows the command, as a pipe does.</summary>
    ChannelReader<ExecOutput> Output { get; }

    /// <summary>Its exit code, once it has ended.</summary>
    Task<int> Exited { get; }

    /// <summary>Feeds its standard input (ignored once it has exited or closed its input).</summary>
    ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Closes its standard input: it reads end-of-file.</summary>
    ValueTask CloseInputAsync();
}
