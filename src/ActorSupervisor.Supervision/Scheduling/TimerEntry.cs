using Akka.Actor;
using Akka.Actor.Scheduler;
using Akka.Dispatch;

namespace ActorSupervisor.Supervision.Scheduling;

/// <summary>One scheduled task in the <see cref="DeadlineScheduler"/> queue.</summary>
internal sealed class TimerEntry(IRunnable action, ICancelable? cancelable, long deadline, long interval)
{
    public IRunnable Action { get; } = action;

    /// <summary>Due time in <see cref="TimeProvider"/> timestamp units.</summary>
    public long Deadline { get; set; } = deadline;

    /// <summary>Period in timestamp units; 0 for a one-shot task.</summary>
    public long Interval { get; } = interval;

    public bool IsCancelled => cancelable?.IsCancellationRequested ?? false;

    public override string ToString() =>
        $"ScheduledWork(Deadline={Deadline}, RepeatEvery={Interval}, Cancelled={IsCancelled}, Work={Action})";
}

/// <summary>Conversions between spans and <see cref="TimeProvider"/> timestamps for the scheduler.</summary>
internal static class Timestamps
{
    public static readonly TimeProvider Time = TimeProvider.System;

    // A deadline this far out never overflows when a timestamp is added to it.
    private static readonly long MaxDelta = long.MaxValue / 4;

    internal static long FromTimeSpan(TimeSpan span) =>
        (long)Int128.Min((Int128)span.Ticks * Time.TimestampFrequency / TimeSpan.TicksPerSecond, MaxDelta);

    // Rounded up: the wait has millisecond granularity, and waking before the deadline would cost another full
    // millisecond wait, so the thread wakes at most 1 ms (plus OS latency) after the deadline, never before.
    internal static int ToWaitMilliseconds(long timestampDelta)
    {
        var frequency = Time.TimestampFrequency;
        var ms = ((Int128)timestampDelta * 1000 + frequency - 1) / frequency;
        return (int)Int128.Clamp(ms, 1, int.MaxValue);
    }
}

/// <summary>
/// A scheduled Tell. Messages to local actors are wrapped the way Akka's own scheduler wraps them, because the
/// actor cell unwraps <see cref="IScheduledTellMsg"/> and telemetry filters scheduled messages by that interface.
/// </summary>
internal sealed class ScheduledTell : IRunnable
{
    private readonly ICanTell _receiver;
    private readonly object _message;
    private readonly IActorRef? _sender;

    public ScheduledTell(ICanTell receiver, object message, IActorRef? sender)
    {
        _receiver = receiver;
        // Only refs with a cell unwrap the envelope; the others (ask/temp refs, remote refs, dead letters) would
        // hand the wrapper itself to their reader (Akka issue #7247), so they get the bare message.
        _message = receiver is not ActorRefWithCell
            ? message
            : message is INotInfluenceReceiveTimeout
                ? new ScheduledTellMsgNoInfluenceReceiveTimeout(message)
                : new ScheduledTellMsg(message);
        _sender = sender;
    }

    public void Run() => _receiver.Tell(_message, _sender);

    public void Execute() => Run();

    public override string ToString() => $"[{_receiver}.Tell({_message}, {_sender})]";

    private sealed class ScheduledTellMsg(object message) : IScheduledTellMsg
    {
        public object Message { get; } = message;

        public override string ToString() => Message.ToString() ?? Message.GetType().Name;
    }

    private sealed class ScheduledTellMsgNoInfluenceReceiveTimeout(object message)
        : IScheduledTellMsg, INotInfluenceReceiveTimeout
    {
        public object Message { get; } = message;

        public override string ToString() => Message.ToString() ?? Message.GetType().Name;
    }
}
