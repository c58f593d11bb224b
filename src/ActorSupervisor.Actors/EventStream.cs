namespace ActorSupervisor.Actors;

/// <summary>
/// A system-wide publish/subscribe channel: an actor subscribes to a message type (and its subtypes) and
/// receives every published message of that type. The kernel publishes <see cref="DeadLetter"/> and
/// <see cref="UnhandledMessage"/>.
/// </summary>
public sealed class EventStream
{
    private (IActorRef Subscriber, Type Channel)[] _subscriptions = [];

    /// <summary>Sends <paramref name="subscriber"/> every published message assignable to <paramref name="channel"/>.</summary>
    public void Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        Update(current => current.Contains((subscriber, channel)) ? current : [.. current, (subscriber, channel)]);
    }

    /// <summary>Ends the subscription of <paramref name="subscriber"/> to <paramref name="channel"/>.</summary>
    public void Unsubscribe(IActorRef subscriber, Type channel) =>
        Update(current => current.Where(s => s != (subscriber, channel)).ToArray());

    /// <summary>Ends every subscription of <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(IActorRef subscriber) =>
        Update(current => current.Where(s => !s.Subscriber.Equals(subscriber)).ToArray());

    /// <summary>Delivers <paramref name="message"/> to the subscribers of its type, with no sender.</summary>
    public void Publish(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var subscriptions = Volatile.Read(ref _subscriptions);
        foreach (var (subscriber, channel) in subscriptions)
        {
            if (channel.IsInstanceOfType(message)) subscriber.Tell(message, null);
        }
    }

    private void Update(Func<(IActorRef Subscriber, Type Channel)[], (IActorRef Subscriber, Type Channel)[]> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _subscriptions);
            if (Interlocked.CompareExchange(ref _subscriptions, change(current), current) == current) return;
        }
    }
}
