using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace ActorSupervisor.Supervision.Scheduling;

/// <summary>
/// An Akka.NET scheduler that sleeps until the earliest deadline instead of ticking. Akka's default
/// <see cref="HashedWheelTimerScheduler"/> wakes every <c>akka.scheduler.tick-duration</c> (10 ms) whether or not
/// anything is due, which costs CPU on an idle node and rounds every timer up to the tick; this one keeps a
/// min-heap of deadlines and one background thread that waits exactly until the first of them, so an idle node
/// has no scheduler wake-ups and a timer fires about a millisecond after its deadline.
/// Repeating tasks (Akka's cluster gossip, heartbeats, reapers, distributed data and sharding ticks: a dozen and a
/// half a second on a cluster of one) share wake-ups: when the thread is awake anyway, a repeating task due within
/// half of its interval (at most <see cref="MaxEarly"/>) runs with the due ones and its period restarts from then.
/// Any two phases of a period are at most half of it apart one way round, so every task of a period falls into
/// step and they wake the thread together; no repeat ever runs later or less often than its interval says, only up
/// to half of it earlier, and once in step at its interval. One-shot tasks are never moved.
/// </summary>
/// <remarks>
/// Enable with <see cref="HoconConfig"/>. Contract kept from <see cref="HashedWheelTimerScheduler"/>: due tasks
/// (Tells and actions) run on the scheduler thread in deadline order, a failing task is logged and, if repeated,
/// not rescheduled; a task whose <see cref="ICancelable"/> is cancelled does not run; scheduling after
/// <see cref="Dispose"/> throws <see cref="SchedulerException"/>; <see cref="Dispose"/> stops the thread (waiting
/// up to <c>akka.scheduler.shutdown-timeout</c>) and then runs every outstanding, uncancelled task once, due or
/// not, and skips them if the thread did not stop in time.
/// </remarks>
public sealed class DeadlineScheduler : SchedulerBase, IDateTimeOffsetNowTimeProvider, IDisposable
{
    /// <summary>The HOCON line that makes an ActorSystem use this scheduler.</summary>
    public const string HoconConfig =
        "akka.scheduler.implementation = \"ActorSupervisor.Supervision.Scheduling.DeadlineScheduler, ActorSupervisor.Supervision\"";

    private const int StateInit = 0, StateStarted = 1, StateShutdown = 2;

    // Cancelled entries stay in the heap until they reach the top (lazy deletion); sweeping once the heap doubles
    // keeps a busy receive-timeout (cancel + reschedule per message) from growing the heap without bound.
    private const int MinSweepThreshold = 1024;

    /// <summary>How much earlier than its deadline a repeating task may run to share a wake-up with another task.</summary>
    internal static readonly TimeSpan MaxEarly = TimeSpan.FromMilliseconds(500);

    private static readonly TimeProvider Time = Timestamps.Time;
    private static readonly long MaxEarlyTicks = Timestamps.FromTimeSpan(MaxEarly);
    private static readonly long ClockOrigin = Time.GetTimestamp();

    private readonly TimeSpan _shutdownTimeout;
    private readonly object _gate = new();
    private readonly PriorityQueue<TimerEntry, (long Deadline, long Sequence)> _queue = new();
    private Thread? _thread;
    private int _state;
    private long _sequence;
    private int _sweepThreshold = MinSweepThreshold;

    // The deadline the thread is sleeping until: long.MaxValue while it sleeps with nothing queued, long.MinValue
    // while it is awake (it re-reads the heap before sleeping again, so nothing needs to wake it).
    private long _sleepingUntil = long.MinValue;
    private long _wakeCount;

    /// <summary>Creates the scheduler; Akka calls this with the ActorSystem's config and log.</summary>
    public DeadlineScheduler(Config config, ILoggingAdapter log) : base(config, log)
    {
        _shutdownTimeout = config.IsNullOrEmpty()
            ? TimeSpan.FromSeconds(5)
            : config.GetTimeSpan("akka.scheduler.shutdown-timeout", TimeSpan.FromSeconds(5));
    }

    /// <summary>How many times the scheduler thread has returned from a wait (deadline reached or woken).</summary>
    internal long WakeCount => Interlocked.Read(ref _wakeCount);

    /// <summary>
    /// The repeating tasks queued now, each with its interval and what it runs (a Tell names its receiver and message):
    /// what wakes an idle node (./bench.sh node lists them beside the wake-up count).
    /// </summary>
    internal IReadOnlyList<(TimeSpan Interval, string Task)> RepeatingTasks()
    {
        lock (_gate)
            return _queue.UnorderedItems
                .Select(item => item.Element)
                .Where(entry => entry.Interval > 0 && !entry.IsCancelled)
                .Select(entry => (TimeSpan.FromSeconds((double)entry.Interval / Time.TimestampFrequency), entry.Action.ToString() ?? ""))
                .ToList();
    }

    /// <summary>Whether the thread is waiting for a deadline and has not been woken.</summary>
    internal bool IsSleeping { get { lock (_gate) return _sleepingUntil != long.MinValue; } }

    /// <summary>Entries in the heap, cancelled ones not yet swept included.</summary>
    internal int QueuedCount { get { lock (_gate) return _queue.Count; } }

    /// <inheritdoc />
    protected override DateTimeOffset TimeNow => Time.GetUtcNow();

    /// <inheritdoc />
    public override TimeSpan MonotonicClock => Time.GetElapsedTime(ClockOrigin);

    /// <inheritdoc />
    public override TimeSpan HighResMonotonicClock => Time.GetElapsedTime(ClockOrigin);

    /// <inheritdoc />
    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message,
        IActorRef sender, ICancelable? cancelable) =>
        Schedule(delay, TimeSpan.Zero, new ScheduledTell(receiver, message, sender), cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval,
        ICanTell receiver, object message, IActorRef sender, ICancelable? cancelable) =>
        Schedule(initialDelay, interval, new ScheduledTell(receiver, message, sender), cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable? cancelable) =>
        Schedule(delay, TimeSpan.Zero, new ActionRunnable(action), cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable? cancelable) =>
        Schedule(delay, TimeSpan.Zero, action, cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action,
        ICancelable? cancelable) =>
        Schedule(initialDelay, interval, new ActionRunnable(action), cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action,
        ICancelable? cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    private void Schedule(TimeSpan delay, TimeSpan interval, IRunnable action, ICancelable? cancelable)
    {
        // SchedulerBase's public IRunnable overloads skip validation; a negative delay just means "now".
        var deadline = Time.GetTimestamp() + Timestamps.FromTimeSpan(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        var entry = new TimerEntry(action, cancelable, deadline, interval > TimeSpan.Zero ? Timestamps.FromTimeSpan(interval) : 0);
        lock (_gate)
        {
            if (_state == StateShutdown)
                throw new SchedulerException("cannot enqueue after timer shutdown");
            if (_state == StateInit)
                StartThread();
            Enqueue(entry);
            // Only an earlier deadline than the one being slept on needs the thread; later ones wait their turn.
            // Marking it awake at once spares it the pulses of calls made before it gets the lock back.
            if (deadline < _sleepingUntil)
            {
                _sleepingUntil = long.MinValue;
                Monitor.Pulse(_gate);
            }
        }
    }

    private void StartThread()
    {
        _state = StateStarted;
        _thread = new Thread(Run) { IsBackground = true, Name = "akka.scheduler.deadline" };
        _thread.Start();
    }

    // Caller holds _gate.
    private void Enqueue(TimerEntry entry)
    {
        if (_queue.Count >= _sweepThreshold)
            SweepCancelled();
        _queue.Enqueue(entry, (entry.Deadline, _sequence++));
    }

    // Caller holds _gate.
    private void SweepCancelled()
    {
        var live = _queue.UnorderedItems.Where(item => !item.Element.IsCancelled).ToList();
        _queue.Clear();
        _queue.EnqueueRange(live);
        _sweepThreshold = Math.Max(MinSweepThreshold, live.Count * 2);
    }

    private void Run()
    {
        var due = new List<TimerEntry>();
        while (true)
        {
            lock (_gate)
            {
                if (!WaitForDueEntries(due))
                    return;
            }

            var ranAt = Time.GetTimestamp();
            foreach (var entry in due)
            {
                if (!RunTask(entry) || entry.Interval == 0)
                    continue;
                lock (_gate)
                {
                    if (!entry.IsCancelled)
                        Reschedule(entry, ranAt);
                }
            }
            due.Clear();
        }
    }

    // Caller holds _gate. Sleeps until something is due and moves it into due; false once shut down.
    private bool WaitForDueEntries(List<TimerEntry> due)
    {
        while (_state != StateShutdown)
        {
            var now = Time.GetTimestamp();
            while (_queue.TryPeek(out var head, out var key) && (head.IsCancelled || key.Deadline <= now))
            {
                _queue.Dequeue();
                if (!head.IsCancelled)
                    due.Add(head);
            }
            if (due.Count > 0)
            {
                TakeRepeatsDueSoon(due, now);
                return true;
            }

            if (_queue.TryPeek(out _, out var next))
            {
                _sleepingUntil = next.Deadline;
                Monitor.Wait(_gate, Timestamps.ToWaitMilliseconds(next.Deadline - now));
            }
            else
            {
                _sleepingUntil = long.MaxValue;
                Monitor.Wait(_gate);
            }
            _sleepingUntil = long.MinValue;
            _wakeCount++;
        }
        return false;
    }

    // Caller holds _gate. Adds the repeating tasks that may run early (see the class remarks) to a batch that runs now.
    private void TakeRepeatsDueSoon(List<TimerEntry> due, long now)
    {
        List<(TimerEntry Entry, (long, long) Key)>? notYet = null;
        while (_queue.TryPeek(out var head, out var key) && key.Deadline <= now + MaxEarlyTicks)
        {
            _queue.Dequeue();
            if (head.IsCancelled)
                continue;
            if (head.Interval > 0 && key.Deadline - now <= EarlyAllowance(head.Interval))
                due.Add(head);
            else
                (notYet ??= []).Add((head, key));
        }
        if (notYet is not null)
            foreach (var (entry, key) in notYet)
                _queue.Enqueue(entry, key);
    }

    /// <summary>How long before its deadline a repeating task of <paramref name="interval"/> may run: half of it, at most <see cref="MaxEarly"/>.</summary>
    internal static long EarlyAllowance(long interval) => Math.Min(interval / 2, MaxEarlyTicks);

    // Caller holds _gate.
    private void Reschedule(TimerEntry entry, long ranAt)
    {
        entry.Deadline = NextDeadline(entry.Deadline, entry.Interval, ranAt);
        Enqueue(entry);
    }

    /// <summary>
    /// Fixed rate without drift (lateness of one run does not delay the next), but a period missed entirely (the
    /// process stalled, or a run took longer than the interval) is skipped rather than fired in a catch-up burst.
    /// A run taken early (<paramref name="deadline"/> after <paramref name="now"/>, to share a wake-up) restarts the
    /// period from <paramref name="now"/>, so the next run is never more than one interval after this one.
    /// </summary>
    internal static long NextDeadline(long deadline, long interval, long now)
    {
        if (deadline > now)
            return now + interval;
        var next = deadline + interval;
        return next > now ? next : now + interval;
    }

    private bool RunTask(TimerEntry entry)
    {
        try
        {
            entry.Action.Run();
            return true;
        }
        catch (Exception ex)
        {
            LogTaskFailure(ex, entry);
            return false;
        }
    }

    private void LogTaskFailure(Exception ex, TimerEntry entry)
    {
        try
        {
            Log.Error(ex, "Error while executing scheduled task {0}", entry);
        }
        catch
        {
            // A broken logger must not take the scheduler thread down with it.
        }
    }

    /// <summary>
    /// Stops the scheduler thread, then runs every outstanding uncancelled task once, in deadline order, as
    /// Akka's own scheduler does on ActorSystem termination. Later schedule calls throw <see cref="SchedulerException"/>.
    /// </summary>
    public void Dispose()
    {
        Thread? thread;
        lock (_gate)
        {
            if (_state == StateShutdown)
                return;
            _state = StateShutdown;
            thread = _thread;
            Monitor.Pulse(_gate);
        }

        // Termination can be driven from a task running on the scheduler thread itself; joining would deadlock,
        // and that thread exits by itself after its current batch.
        if (thread is not null && thread != Thread.CurrentThread && !thread.Join(_shutdownTimeout))
        {
            Log.Warning("Failed to shutdown scheduler within {0}", _shutdownTimeout);
            return;
        }

        List<TimerEntry> outstanding;
        lock (_gate)
        {
            outstanding = _queue.UnorderedItems
                .OrderBy(item => item.Priority)
                .Select(item => item.Element)
                .Where(entry => !entry.IsCancelled)
                .ToList();
            _queue.Clear();
        }

        foreach (var entry in outstanding)
        {
            try
            {
                entry.Action.Run();
            }
            catch (SchedulerException)
            {
                // A task that schedules again (a repeating Tell to an actor being stopped): expected at shutdown.
            }
            catch (Exception ex)
            {
                LogTaskFailure(ex, entry);
            }
        }
    }
}
