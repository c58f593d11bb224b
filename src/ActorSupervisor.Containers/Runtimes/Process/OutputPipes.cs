using ActorSupervisor.Containers.Runtimes.Logs;
using System.IO.Pipes;
using Microsoft.Win32.SafeHandles;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// The named pipes a workload writes its stdout and stderr into, in its container's log directory. Its keeper
/// opens them read-write for it, so it never gets SIGPIPE while no node reads: while the node is down it only blocks once
/// the pipe holds <see cref="PipeCapacity"/>, until the new node adopts it and reads on. The runtime holds a write end of its own
/// until the workload has exited, so the reader sees the end of the stream only then.
/// </summary>
internal sealed class OutputPipes : IDisposable
{
    private readonly int _stdoutWriter;
    private readonly int _stderrWriter;
    private int _writersClosed;

    private OutputPipes(string directory)
    {
        StdoutPath = Path.Combine(directory, "stdout.pipe");
        StderrPath = Path.Combine(directory, "stderr.pipe");
        Native.MakeFifo(StdoutPath);
        Native.MakeFifo(StderrPath);
        Stdout = OpenReader(StdoutPath);
        Stderr = OpenReader(StderrPath);
        _stdoutWriter = Native.OpenFifo(StdoutPath, write: true);
        _stderrWriter = Native.OpenFifo(StderrPath, write: true);
        if (PipeCapacity.Wanted is { } bytes)
        {
            // Best effort: a refusal leaves the pipe as it was, which only shortens how long a workload writes unread.
            Native.SetPipeCapacity(_stdoutWriter, bytes);
            Native.SetPipeCapacity(_stderrWriter, bytes);
        }
    }

    /// <summary>The stdout pipe's path, for the workload to open.</summary>
    public string StdoutPath { get; }

    /// <summary>The stderr pipe's path.</summary>
    public string StderrPath { get; }

    /// <summary>What the workload writes to stdout.</summary>
    public Stream Stdout { get; }

    /// <summary>What the workload writes to stderr.</summary>
    public Stream Stderr { get; }

    /// <summary>Creates the pipes in <paramref name="directory"/> (or reuses those there) and opens them.</summary>
    public static OutputPipes Open(string directory) => new(directory);

    /// <summary>Whether a workload's pipes exist in <paramref name="directory"/>, for adoption.</summary>
    public static bool ExistIn(string directory) =>
        File.Exists(Path.Combine(directory, "stdout.pipe")) && File.Exists(Path.Combine(directory, "stderr.pipe"));

    /// <summary>Copies both pipes into <paramref name="log"/> until they end (or <paramref name="stop"/>); the task of both copies.</summary>
    public Task PumpInto(ContainerLog log, CancellationToken stop) => Task.WhenAll(
        Task.Run(() => LogPump.RunAsync(Stdout, log, LogStream.Stdout, stop)),
        Task.Run(() => LogPump.RunAsync(Stderr, log, LogStream.Stderr, stop)));

    /// <summary>The workload has exited: let the readers reach the end once its last process has closed the pipes.</summary>
    public void CloseWriters()
    {
        if (Interlocked.Exchange(ref _writersClosed, 1) == 0)
        {
            Native.Close(_stdoutWriter);
            Native.Close(_stderrWriter);
        }
    }

    /// <summary>Closes everything the runtime holds.</summary>
    public void Dispose()
    {
        CloseWriters();
        Stdout.Dispose();
        Stderr.Dispose();
    }

    private static AnonymousPipeClientStream OpenReader(string path) =>
        new(PipeDirection.In, new SafePipeHandle(Native.OpenFifo(path, write: false), ownsHandle: true));
}
