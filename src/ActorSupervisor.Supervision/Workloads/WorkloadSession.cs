using System.Threading.Channels;
using ActorSupervisor.Containers.Runtimes;
using Akka.Actor;

namespace ActorSupervisor.Supervision.Workloads;

/// <summary>
/// One log read or exec on the node that hosts the container, for a requester on another node. The requester pulls
/// (<see cref="SessionPull"/>): each pull takes at most a batch of what has come, or waits up to a second for more,
/// so a slow requester slows the read (or the command, as a pipe does) instead of filling memory. A session nobody
/// pulls for <see cref="IdleTimeout"/> (its requester left or died) stops, ending its read or killing its command.
/// </summary>
internal sealed class WorkloadSession : ReceiveActor
{
    /// <summary>How long a pull waits for something to come before it answers with an empty batch.</summary>
    public static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(1);

    /// <summary>How long a session lives without a pull.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    // Well under Akka remoting's 128 000-byte frame once JSON and base64 are added.
    private const int MaxBatchBytes = 32 * 1024;
    private const int MaxBatchItems = 512;

    private readonly CancellationTokenSource _stopping = new();
    private Source? _source;

    /// <summary>What a session reads from: its items, and for an exec the command's exit code and stdin.</summary>
    public sealed record Source(ChannelReader<WorkloadItem> Items, Task<int>? Exited, IExecSession? Exec);

    private sealed record Opened(Source Source);

    private sealed record OpenFailed(Exception Error);

    /// <summary>A session that opens its source with <paramref name="open"/> and answers <paramref name="requester"/> when it has.</summary>
    public WorkloadSession(string containerId, Func<CancellationToken, Task<Source>> open, IActorRef requester, string selfAddress)
    {
        var self = Self;
        open(_stopping.Token).PipeTo(self, success: s => new Opened(s), failure: e => new OpenFailed(e));
        Receive<Opened>(opened =>
        {
            _source = opened.Source;
            requester.Tell(new SessionOpened(Self.Path.ToStringWithAddress(Akka.Actor.Address.Parse(selfAddress))));
            Context.SetReceiveTimeout(IdleTimeout);
            Become(Serving);
        });
        Receive<OpenFailed>(failed =>
        {
            requester.Tell(WorkloadReader.Refusal(containerId, failed.Error));
            Context.Stop(Self);
        });
    }

    private void Serving()
    {
        ReceiveAsync<SessionPull>(async _ => Sender.Tell(await NextBatchAsync(_source!)));
        ReceiveAsync<ExecInput>(async input =>
        {
            var sender = Sender;
            if (_source?.Exec is { } exec) await exec.WriteInputAsync(input.Data, _stopping.Token);
            sender.Tell(SessionAck.Instance);
        });
        ReceiveAsync<ExecCloseInput>(async _ =>
        {
            var sender = Sender;
            if (_source?.Exec is { } exec) await exec.CloseInputAsync();
            sender.Tell(SessionAck.Instance);
        });
        Receive<SessionClose>(_ => Context.Stop(Self));
        Receive<ReceiveTimeout>(_ => Context.Stop(Self));
    }

    private static async Task<SessionBatch> NextBatchAsync(Source source)
    {
        var items = new List<WorkloadItem>();
        var bytes = 0;
        Take(source.Items, items, ref bytes);
        if (items.Count == 0 && !source.Items.Completion.IsCompleted)
        {
            using var wait = new CancellationTokenSource(LongPoll);
            try
            {
                await source.Items.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // Nothing came within the long-poll: an empty batch tells the requester the session is alive.
            }
            Take(source.Items, items, ref bytes);
        }
        var end = source.Items.Completion.IsCompleted && !source.Items.TryPeek(out _);
        int? exitCode = end && source.Exited is { } exited ? await exited : null;
        return new SessionBatch(items, end, exitCode);
    }

    private static void Take(ChannelReader<WorkloadItem> reader, List<WorkloadItem> items, ref int bytes)
    {
        while (items.Count < MaxBatchItems && bytes < MaxBatchBytes && reader.TryRead(out var item))
        {
            items.Add(item);
            bytes += (item.Text?.Length ?? 0) + (item.Data?.Length ?? 0) + 48;
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _stopping.Cancel();
        // Disposing an exec kills the command if it still runs; a log read ends with the token.
        if (_source?.Exec is { } exec) _ = exec.DisposeAsync().AsTask();
        _stopping.Dispose();
    }
}
