using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Actors;

/// <summary>
/// What an actor can see and do about itself while it handles a message: its refs, its children, death
/// watch, behaviour and receive timeout. Only valid on the actor's own turn.
/// </summary>
public interface IActorContext
{
    /// <summary>This actor's own ref.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being handled, or dead letters when there was none.</summary>
    IActorRef Sender { get; }

    /// <summary>The parent (the supervisor); the root guardian is its own parent.</summary>
    IActorRef Parent { get; }

    /// <summary>The system the actor lives in.</summary>
    ActorSystem System { get; }

    /// <summary>The children that are not stopping.</summary>
    IEnumerable<IActorRef> Children { get; }

    /// <summary>The child called <paramref name="name"/>, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Creates a child; <paramref name="name"/> must be unique among the live children (generated when null).</summary>
    /// <exception cref="InvalidActorNameException">The name is taken.</exception>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops <paramref name="actor"/> (a child, or this actor itself) after the message it is handling.</summary>
    void Stop(IActorRef actor);

    /// <summary>Asks for one <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it is already gone).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Cancels a watch; no <see cref="Terminated"/> for <paramref name="subject"/> is delivered afterwards.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Handles the next messages with <paramref name="receive"/> instead of the current behaviour.</summary>
    void Become(Func<object, bool> receive);

    /// <summary>Handles the next messages with <paramref name="receive"/>, keeping the current behaviour for <see cref="UnbecomeStacked"/>.</summary>
    void BecomeStacked(Func<object, bool> receive);

    /// <summary>Goes back to the behaviour before the last <see cref="BecomeStacked"/>.</summary>
    void UnbecomeStacked();

    /// <summary>Goes back to the actor's own <c>Receive</c>.</summary>
    void Unbecome();

    /// <summary>
    /// Sends the actor <see cref="ActorSupervisor.Actors.ReceiveTimeout"/> after <paramref name="timeout"/> without messages (and again
    /// after each further such span); null turns it off.
    /// </summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>The receive timeout in force, or null.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>The logger of this actor's type.</summary>
    ILogger Log { get; }
}
