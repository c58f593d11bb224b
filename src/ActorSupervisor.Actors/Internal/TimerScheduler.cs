namespace ActorSupervisor.Actors.Internal;

/// <summary>
/// The keyed timers of one actor. Used only on the actor's turn; the <see cref="ITimer"/> callbacks only
/// send a <see cref="TimerFired"/>, whose generation says on delivery whether its timer is still current.
/// </summary>
internal sealed class TimerScheduler(ActorCell owner, TimeProvider time) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];
    private int _generation;

    public ActorCell Cell => owner;

    public void StartSingleTimer(object key, object message, TimeSpan delay) =>
        Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "a periodic timer needs a positive interval");
        Start(key, message, initialDelay, interval);
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delay), delay, "a timer delay must not be negative");
        Cancel(key);
        var fired = new TimerFired(this, key, ++_generation, message);
        var timer = time.CreateTimer(static state => Deliver((TimerFired)state!), fired, delay, period);
        _timers[key] = new Entry(timer, fired.Generation, period != Timeout.InfiniteTimeSpan);
    }

    private static void Deliver(TimerFired fired) => fired.Owner.Cell.Tell(fired, null);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public IReadOnlyCollection<object> ActiveTimers => _timers.Keys.ToList();

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry)) entry.Timer.Dispose();
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values) entry.Timer.Dispose();
        _timers.Clear();
    }

    /// <summary>Whether <paramref name="fired"/> is to be delivered; a delivered single timer is then gone.</summary>
    public bool TryTake(TimerFired fired)
    {
        if (!_timers.TryGetValue(fired.Key, out var entry) || entry.Generation != fired.Generation) return false;
        if (!entry.Periodic)
        {
            _timers.Remove(fired.Key);
            entry.Timer.Dispose();
        }
        return true;
    }

    private readonly record struct Entry(ITimer Timer, int Generation, bool Periodic);
}
