using ActorSupervisor.Actors.Internal;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Actors;

/// <summary>
/// The base class of every actor. Override <see cref="Receive"/>: return true for a message you handled,
/// false to pass it to <see cref="Unhandled"/>. The kernel calls it for one message at a time, so the
/// actor's fields need no locks. Instances are made only by the kernel, from <see cref="Props"/>.
/// </summary>
/// <example>
/// <code>
/// sealed class Counter : ActorBase
/// {
///     private int _count;
///     protected override bool Receive(object message)
///     {
///         switch (message)
///         {
///             case "inc": _count++; return true;
///             case "get": Sender.Tell(_count, Self); return true;
///             default: return false;
///         }
///     }
/// }
/// var counter = system.ActorOf(Props.Create&lt;Counter&gt;(), "counter");
/// </code>
/// </example>
public abstract class ActorBase
{
    /// <summary>Binds the new instance to the cell that is creating it.</summary>
    /// <exception cref="InvalidOperationException">The actor was constructed with <c>new</c> instead of through <see cref="Props"/>.</exception>
    protected ActorBase()
    {
        Cell = ActorCell.Creating
            ?? throw new InvalidOperationException($"{GetType().Name} must be created through Props by an actor system (ActorOf), not with new");
    }

    internal ActorCell Cell { get; }

    /// <summary>This actor's context: children, watch, behaviour, receive timeout.</summary>
    protected IActorContext Context => Cell;

    /// <summary>This actor's own ref.</summary>
    protected IActorRef Self => Cell;

    /// <summary>The sender of the message being handled (dead letters when none). Still valid after an await in an async handler.</summary>
    protected IActorRef Sender => Cell.Sender;

    /// <summary>This actor's keyed timers.</summary>
    protected ITimerScheduler Timers => Cell.Timers;

    /// <summary>The logger of this actor's type.</summary>
    protected ILogger Log => Cell.Log;

    /// <summary>Handles one message; returns false if it did not, which sends it to <see cref="Unhandled"/>.</summary>
    protected abstract bool Receive(object message);

    /// <summary>Runs before the first message (and, by default, after a restart).</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs once the actor and all its children have stopped.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>
    /// Runs on the failed instance before a restart. By default it stops all children and calls
    /// <see cref="PostStop"/>; children it leaves alive are restarted with the actor.
    /// </summary>
    /// <param name="reason">The failure.</param>
    /// <param name="message">The message being handled when it failed, if any.</param>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children) Context.Stop(child);
        PostStop();
    }

    /// <summary>Runs on the fresh instance after a restart. By default it calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>
    /// Called for a message the behaviour did not handle. An unhandled <see cref="Terminated"/> throws
    /// <see cref="DeathPactException"/>; anything else is published as <see cref="UnhandledMessage"/> and logged.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated) throw new DeathPactException(terminated.ActorRef);
        Cell.System.PublishUnhandled(new UnhandledMessage(message, Cell.CurrentSender, Self));
    }

    /// <summary>The strategy this actor applies to its failing children; <see cref="SupervisorStrategy.Default"/> unless overridden.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.Default;

    internal SupervisorStrategy SupervisorStrategyInternal => SupervisorStrategy();

    /// <summary>Replaces the behaviour: the next messages go to <paramref name="receive"/>.</summary>
    protected void Become(Func<object, bool> receive) => Cell.Become(receive);

    /// <summary>Goes back to <see cref="Receive"/>.</summary>
    protected void Unbecome() => Cell.Unbecome();

    /// <summary>Keeps the current message aside, to be handled again after <see cref="UnstashAll"/> or <see cref="Unstash"/>.</summary>
    /// <exception cref="InvalidOperationException">The message is already stashed.</exception>
    protected void Stash() => Cell.StashCurrent();

    /// <summary>Puts the oldest stashed message in front of the mailbox.</summary>
    protected void Unstash() => Cell.Unstash();

    /// <summary>Puts all stashed messages, oldest first, in front of the mailbox.</summary>
    protected void UnstashAll() => Cell.UnstashAll();

    /// <summary>
    /// Makes the current handler asynchronous: <paramref name="work"/> starts now, and the actor takes no
    /// other message until its task completes. Awaits inside it resume on the actor's turn, so
    /// <see cref="Sender"/>, <see cref="Self"/> and fields stay safe to use. A fault is a failure like any other.
    /// </summary>
    /// <example><code>case Start s: RunTask(async () => { await _runtime.StartAsync(s.Spec); Sender.Tell(new Started()); }); return true;</code></example>
    protected void RunTask(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Cell.SetPendingTask(work());
    }

    internal virtual bool AroundReceive(object message) => Cell.Behavior is { } behavior ? behavior(message) : Receive(message);

    internal virtual void AroundUnhandled(object message) => Unhandled(message);

    /// <summary>Runs after a piece of an async handler resumed on the actor's turn.</summary>
    internal virtual void AfterContinuation()
    {
    }

    internal virtual void AroundPreStart() => PreStart();

    internal virtual void AroundPostStop() => PostStop();

    internal virtual void AroundPreRestart(Exception reason, object? message)
    {
        Cell.UnstashAll(); // stashed messages survive a restart, ahead of the mailbox
        PreRestart(reason, message);
    }

    internal virtual void AroundPostRestart(Exception reason) => PostRestart(reason);
}
