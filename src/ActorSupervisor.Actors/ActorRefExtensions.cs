using ActorSupervisor.Actors.Internal;

namespace ActorSupervisor.Actors;

/// <summary>Sending helpers: the implicit sender, <c>Forward</c> and <c>Ask</c>.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/>; inside an actor the sender is that actor (so the receiver can
    /// reply), elsewhere there is none.
    /// </summary>
    public static void Tell(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.CurrentCell);
    }

    /// <summary>Sends <paramref name="message"/> keeping the sender of the message being handled, so the receiver replies to the original asker.</summary>
    /// <exception cref="InvalidOperationException">Called outside an actor's handler.</exception>
    public static void Forward(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var current = ActorCell.CurrentCell ?? throw new InvalidOperationException("Forward can only be called from inside an actor's handler");
        receiver.Tell(message, current.CurrentSender);
    }

    /// <summary>
    /// Sends <paramref name="message"/> with a temporary sender and returns its first reply. Faults with
    /// <see cref="AskTimeoutException"/> after <paramref name="timeout"/> (measured on the system's clock) or
    /// at once when the recipient is already dead, with the cause of a <see cref="StatusFailure"/> reply,
    /// with <see cref="InvalidCastException"/> for a reply that is not a <typeparamref name="T"/>, and is
    /// cancelled by <paramref name="cancellationToken"/>.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef receiver, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "an ask timeout must be positive or infinite");
        var system = receiver switch
        {
            ActorCell cell => cell.System,
            _ => throw new ArgumentException($"{receiver.Path} is not a local actor; Ask needs an actor of an ActorSystem", nameof(receiver)),
        };
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        var ask = new AskRef<T>(system, receiver, message);
        if (receiver is IInternalActorRef { IsTerminated: true })
        {
            ask.RecipientTerminated(receiver);
            return ask.Task;
        }
        ask.Start(timeout, cancellationToken);
        receiver.Tell(message, ask);
        return ask.Task;
    }
}
