using System.Threading.Channels;
using ActorSupervisor.Containers.Runtimes;

namespace ActorSupervisor.Supervision.Workloads;

/// <summary>
/// An exec running beside a workload on another node, as the runtime's own <see cref="IExecSession"/>: its output
/// pulled batch by batch (a slow reader slows the command), its stdin sent in order. When the node stops answering,
/// <see cref="Output"/> ends with the <c>unavailable</c> error and <see cref="Exited"/> faults with it.
/// </summary>
internal sealed class RemoteExecSession : IExecSession
{
    private readonly RemoteWorkloadSession _session;
    private readonly Channel<ExecOutput> _output = Channel.CreateBounded<ExecOutput>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _pump;

    public RemoteExecSession(RemoteWorkloadSession session)
    {
        _session = session;
        _pump = PumpAsync(_closing.Token);
    }

    /// <inheritdoc />
    public ChannelReader<ExecOutput> Output => _output.Reader;

    /// <inheritdoc />
    public Task<int> Exited => _exited.Task;

    /// <inheritdoc />
    public async ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        await _session.SendAsync(new ExecInput(data.ToArray()), cancellationToken);

    /// <inheritdoc />
    public async ValueTask CloseInputAsync() => await _session.SendAsync(ExecCloseInput.Instance, _closing.Token);

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var batch = await _session.PullAsync(cancellationToken);
                foreach (var item in batch.Items)
                    await _output.Writer.WriteAsync(new ExecOutput(item.Stderr ? LogStream.Stderr : LogStream.Stdout, item.Data ?? []), cancellationToken);
                if (!batch.End) continue;
                _output.Writer.TryComplete();
                _exited.TrySetResult(batch.ExitCode ?? -1);
                return;
            }
        }
        catch (OperationCanceledException)
        {
            _output.Writer.TryComplete();
            _exited.TrySetCanceled(cancellationToken);
        }
        catch (Exception e)
        {
            _output.Writer.TryComplete(e);
            _exited.TrySetException(e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _pump;
        _session.Close();
        _closing.Dispose();
    }
}
