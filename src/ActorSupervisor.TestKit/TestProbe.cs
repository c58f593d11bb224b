using System.Collections.Concurrent;
using System.Diagnostics;
using ActorSupervisor.Actors;
using Xunit.Sdk;

namespace ActorSupervisor.TestKit;

/// <summary>
/// An actor a test controls: it queues what it receives, and the test asserts on the queue with a real-time
/// timeout (the system's clock may be virtual; a probe waits on the wall clock). A failed expectation
/// names what arrived instead.
/// </summary>
public sealed class TestProbe
{
    private readonly BlockingCollection<Received> _queue = new();
    private readonly List<string> _history = [];
    private readonly Stack<DateTime> _deadlines = new();
    private Received? _last;

    internal TestProbe(ActorSystem system, string name, TimeSpan defaultTimeout)
    {
        DefaultTimeout = defaultTimeout;
        Ref = system.SystemActorOf(Props.Create(() => new ProbeActor(_queue)), name);
    }

    /// <summary>The probe's ref: give it to actors under test as a recipient or sender.</summary>
    public IActorRef Ref { get; }

    /// <summary>How long an expectation waits when no timeout is given and no <see cref="Within(TimeSpan, Action)"/> is running.</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>The sender of the last message taken by an expectation.</summary>
    public IActorRef LastSender => _last?.Sender ?? throw new InvalidOperationException("the probe has not taken any message yet");

    /// <summary>The time left in the innermost <see cref="Within(TimeSpan, Action)"/>, or <see cref="DefaultTimeout"/> outside one.</summary>
    public TimeSpan Remaining => _deadlines.TryPeek(out var deadline) ? Max(deadline - DateTime.UtcNow, TimeSpan.Zero) : DefaultTimeout;

    /// <summary>How many received messages wait to be taken by an expectation.</summary>
    public int QueuedCount => _queue.Count;

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, Ref);

    /// <summary>Replies to the sender of the last message taken.</summary>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Forwards the last message taken to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target)
    {
        var last = _last ?? throw new InvalidOperationException("the probe has not taken any message yet");
        target.Tell(last.Message, last.Sender);
    }

    /// <summary>Waits for the next message; it must be a <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
    public T ExpectMsg<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var received = Take(timeout, $"ExpectMsg<{typeof(T).Name}>");
        if (received.Message is T typed && (predicate is null || predicate(typed))) return typed;
        throw Fail($"ExpectMsg<{typeof(T).Name}>{(predicate is null ? "" : " with a predicate")}: got {Describe(received)} instead");
    }

    /// <summary>Waits for the next message; it must equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull
    {
        var received = Take(timeout, $"ExpectMsg({expected})");
        if (received.Message is T typed && EqualityComparer<T>.Default.Equals(typed, expected)) return typed;
        throw Fail($"ExpectMsg({Show(expected)}): got {Describe(received)} instead");
    }

    /// <summary>Asserts that nothing arrives for <paramref name="duration"/> (wall clock).</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (_queue.TryTake(out var received, duration))
        {
            Record(received);
            throw Fail($"ExpectNoMsg({duration.TotalMilliseconds} ms): got {Describe(received)}");
        }
    }

    /// <summary>Waits for the <see cref="Terminated"/> of <paramref name="target"/> (the probe must <see cref="Watch"/> it).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        var received = Take(timeout, $"ExpectTerminated({target.Path})");
        if (received.Message is Terminated terminated && terminated.ActorRef.Equals(target)) return terminated;
        throw Fail($"ExpectTerminated({target.Path}): got {Describe(received)} instead");
    }

    /// <summary>Skips messages until one satisfies <paramref name="isTarget"/>, and returns it.</summary>
    public object FishForMessage(Func<object, bool> isTarget, TimeSpan? timeout = null) => FishForMessage<object>(isTarget, timeout);

    /// <summary>Skips messages until a <typeparamref name="T"/> satisfies <paramref name="isTarget"/>, and returns it.</summary>
    public T FishForMessage<T>(Func<T, bool> isTarget, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isTarget);
        var deadline = DateTime.UtcNow + (timeout ?? Remaining);
        var skipped = new List<string>();
        while (true)
        {
            var left = Max(deadline - DateTime.UtcNow, TimeSpan.Zero);
            if (!_queue.TryTake(out var received, left))
            {
                throw Fail($"FishForMessage<{typeof(T).Name}>: nothing matched within {(timeout ?? Remaining).TotalMilliseconds} ms; "
                    + (skipped.Count == 0 ? "nothing arrived" : $"skipped: {string.Join(", ", skipped)}"));
            }
            Record(received);
            if (received.Message is T typed && isTarget(typed)) return typed;
            skipped.Add(Describe(received));
        }
    }

    /// <summary>Takes <paramref name="count"/> messages, whatever they are.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Remaining);
        var messages = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            var left = Max(deadline - DateTime.UtcNow, TimeSpan.Zero);
            if (!_queue.TryTake(out var received, left))
                throw Fail($"ReceiveN({count}): only {i} arrived: {string.Join(", ", messages.Select(Show))}");
            Record(received);
            messages.Add(received.Message);
        }
        return messages;
    }

    /// <summary>Makes the probe watch <paramref name="subject"/>; returns once the watch is in place.</summary>
    public IActorRef Watch(IActorRef subject) => ChangeWatch(subject, watch: true);

    /// <summary>Makes the probe stop watching <paramref name="subject"/>; returns once done.</summary>
    public IActorRef Unwatch(IActorRef subject) => ChangeWatch(subject, watch: false);

    private IActorRef ChangeWatch(IActorRef subject, bool watch)
    {
        var request = new WatchRequest(subject, watch);
        Ref.Tell(request, null);
        if (!request.Done.Wait(DefaultTimeout)) throw Fail($"{(watch ? "Watch" : "Unwatch")}({subject.Path}) was not acknowledged within {DefaultTimeout}");
        return subject;
    }

    /// <summary>
    /// Runs <paramref name="action"/>, whose expectations share the deadline <paramref name="max"/>, and
    /// asserts it took no longer (wall clock).
    /// </summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    /// <summary>Like <see cref="Within(TimeSpan, Action)"/>, also asserting it took at least <paramref name="min"/>.</summary>
    public void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var started = Stopwatch.StartNew();
        _deadlines.Push(DateTime.UtcNow + max);
        try
        {
            action();
        }
        finally
        {
            _deadlines.Pop();
        }
        var took = started.Elapsed;
        if (took > max) throw Fail($"Within({min}, {max}): the block took {took}, longer than {max}");
        if (took < min) throw Fail($"Within({min}, {max}): the block took {took}, shorter than {min}");
    }

    private Received Take(TimeSpan? timeout, string expectation)
    {
        var wait = timeout ?? Remaining;
        if (!_queue.TryTake(out var received, wait))
            throw Fail($"{expectation}: no message within {wait.TotalMilliseconds} ms");
        Record(received);
        return received;
    }

    private void Record(Received received)
    {
        _last = received;
        _history.Add(Describe(received));
    }

    private XunitException Fail(string what)
    {
        var history = _history.Count == 0 ? "none" : string.Join(", ", _history.TakeLast(10));
        return new XunitException($"{what}\nprobe {Ref.Path}: last messages taken: {history}; still queued: {_queue.Count}");
    }

    private static string Describe(Received received) =>
        $"{Show(received.Message)} from {received.Sender?.Path.ToStringWithoutAddress() ?? "nobody"}";

    private static string Show(object? message) => message is null ? "null" : $"{message.GetType().Name} {message}";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    internal sealed record Received(object Message, IActorRef? Sender);

    private sealed class WatchRequest(IActorRef subject, bool watch)
    {
        public IActorRef Subject { get; } = subject;
        public bool Watch { get; } = watch;
        public ManualResetEventSlim Done { get; } = new();
    }

    private sealed class ProbeActor(BlockingCollection<Received> queue) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is WatchRequest request)
            {
                if (request.Watch) Context.Watch(request.Subject);
                else Context.Unwatch(request.Subject);
                request.Done.Set();
                return true;
            }
            queue.Add(new Received(message, Context.Sender));
            return true;
        }
    }
}
