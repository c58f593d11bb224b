using System.Threading.Channels;
using OsProcess = System.Diagnostics.Process;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary><c>exec</c>: a command beside the workload, started as its probes are, with its output and input streamed.</summary>
public sealed partial class ProcessRuntime
{
    /// <summary>Docker's exit code for an exec whose program cannot start.</summary>
    private const int ExecCannotStart = 126;

    /// <inheritdoc />
    public async Task<IExecSession> ExecAsync(WorkloadHandle handle, ExecRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Argv is not { Count: > 0 } argv || argv[0].Length == 0)
        {
            throw new RuntimeOperationException($"container {handle.ContainerId}: exec needs a command");
        }
        if (request.Tty)
        {
            throw new RuntimeOperationException(
                $"container {handle.ContainerId}: the process runtime has no terminal to give an exec (-t); run it without -t (input still streams with -i)");
        }
        var workload = await FindOrAdoptAsync(handle, cancellationToken).ConfigureAwait(false) ?? throw NotRunning(handle);
        if (workload.Paused)
        {
            throw new RuntimeOperationException($"container {handle.ContainerId} is paused; unpause it before exec");
        }
        try
        {
            workload.Context.CheckExecutable(argv);
        }
        catch (RuntimeOperationException e)
        {
            // The engine records every exec that cannot start as 126, a missing program too (a run's is 127).
            throw new RuntimeOperationException($"container {handle.ContainerId}: {e.Message}", e) { ExitCode = ExecCannotStart };
        }
        OsProcess process;
        try
        {
            // Joins the workload's cgroup, as a Docker exec does: its memory counts, and the workload's kill ends it.
            process = OsProcess.Start(workload.Context.StartInfo(_setsid, argv, workload.Cgroup, stdin: request.AttachStdin))!;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new RuntimeOperationException($"container {handle.ContainerId}: cannot exec {string.Join(' ', argv)}: {e.Message}", e);
        }
        return new ProcessExecSession(process, request.AttachStdin, _time);
    }
}

/// <summary>An exec's process: its output pumped into a bounded channel (back-pressure, as a pipe gives), its exit awaited.</summary>
internal sealed class ProcessExecSession : IExecSession
{
    /// <summary>How long output may keep coming after the command exited (a child it left holding the pipe): then reading stops.</summary>
    private static readonly TimeSpan OutputPatience = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PatienceTick = TimeSpan.FromMilliseconds(100);

    private readonly OsProcess _process;
    private readonly Channel<ExecOutput> _output = Channel.CreateBounded<ExecOutput>(new BoundedChannelOptions(64) { SingleWriter = false, SingleReader = true });
    private readonly CancellationTokenSource _stopReading = new();
    private readonly Stream? _stdin;
    private readonly Task<int> _exited;
    private readonly TimeProvider _time;

    // Per stream (stdout, stderr): since when its pump waits on the pipe, or long.MaxValue while it hands output on or is done.
    private readonly long[] _waitingSince = [long.MaxValue, long.MaxValue];

    public ProcessExecSession(OsProcess process, bool attachStdin, TimeProvider time)
    {
        _process = process;
        _time = time;
        _stdin = attachStdin ? process.StandardInput.BaseStream : null;
        var readers = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, 0, LogStream.Stdout),
            PumpAsync(process.StandardError.BaseStream, 1, LogStream.Stderr));
        _exited = FinishAsync(readers);
    }

    public ChannelReader<ExecOutput> Output => _output.Reader;

    public Task<int> Exited => _exited;

    public async ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (_stdin is null)
        {
            return;
        }
        try
        {
            await _stdin.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            await _stdin.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // It closed its input or exited: what it did not read is dropped, as a pipe would.
        }
    }

    public ValueTask CloseInputAsync()
    {
        try
        {
            _stdin?.Dispose();
        }
        catch (IOException)
        {
            // Already closed at its end.
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_exited.IsCompleted)
        {
            // The caller left (a closed connection, Ctrl+C): nothing of the exec may run on unattended.
            Native.KillGroup(_process.Id, SignalNames.Kill);
        }
        await _stopReading.CancelAsync().ConfigureAwait(false);
        await _exited.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        await CloseInputAsync().ConfigureAwait(false);
        _process.Dispose();
        _stopReading.Dispose();
    }

    private async Task PumpAsync(Stream stream, int index, LogStream kind)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                Volatile.Write(ref _waitingSince[index], _time.GetTimestamp());
                var read = await stream.ReadAsync(buffer, _stopReading.Token).ConfigureAwait(false);
                Volatile.Write(ref _waitingSince[index], long.MaxValue);
                if (read == 0)
                {
                    return;
                }
                await _output.Writer.WriteAsync(new ExecOutput(kind, buffer.AsSpan(0, read).ToArray()), _stopReading.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Reading was stopped: the command is gone and its leftover children keep the pipe.
        }
        finally
        {
            Volatile.Write(ref _waitingSince[index], long.MaxValue);
        }
    }

    /// <summary>
    /// Once the command exited, its output is read to the end however slowly the caller takes it; only a pipe that
    /// stays silent yet open (a child it left behind holds it) stops the reading after <see cref="OutputPatience"/>.
    /// </summary>
    private async Task<int> FinishAsync(Task readers)
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        while (await Task.WhenAny(readers, Task.Delay(PatienceTick, _time)).ConfigureAwait(false) != readers)
        {
            var now = _time.GetTimestamp();
            var silent = _waitingSince.All(since => since == long.MaxValue || _time.GetElapsedTime(since, now) >= OutputPatience);
            var reading = _waitingSince.Any(since => since != long.MaxValue);
            if (silent && reading)
            {
                await _stopReading.CancelAsync().ConfigureAwait(false);
                await readers.ConfigureAwait(false);
            }
        }
        _output.Writer.TryComplete();
        return _process.ExitCode;
    }
}
