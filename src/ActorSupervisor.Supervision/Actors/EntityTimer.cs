using Akka.Actor;

namespace ActorSupervisor.Supervision.Actors;

/// <summary>
/// One pending timer of a container entity on the host's <see cref="TimeProvider"/>, so that the domain, the timers
/// and the fake runtime share one clock (virtual in tests) and a timer costs nothing until it fires. Starting it
/// again replaces the pending one; a message from a replaced timer that was already in flight is told apart by
/// the generation the entity puts in it.
/// </summary>
internal sealed class EntityTimer(TimeProvider time, IActorRef owner)
{
    // .NET timers refuse due times over 2^32-2 ms (~49.7 days); a spec's bounds keep delays far below that, and
    // clamping here means no delay can ever throw inside an entity.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
    private ITimer? _timer;

    /// <summary>Tells <paramref name="message"/> to the owner after <paramref name="delay"/>, replacing the pending one.</summary>
    public void Start(object message, TimeSpan delay)
    {
        Cancel();
        if (delay <= TimeSpan.Zero)
        {
            owner.Tell(message, ActorRefs.NoSender);
            return;
        }
        _timer = time.CreateTimer(static state =>
        {
            var (target, payload) = ((IActorRef, object))state!;
            target.Tell(payload, ActorRefs.NoSender);
        }, (owner, message), delay < MaxDelay ? RoundUp(delay) : MaxDelay, Timeout.InfiniteTimeSpan);
    }

    // .NET timers count whole milliseconds and drop the fraction, which would fire early; never fire before the delay.
    private static TimeSpan RoundUp(TimeSpan delay) => TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds));

    /// <summary>Drops the pending timer, if any.</summary>
    public void Cancel()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
