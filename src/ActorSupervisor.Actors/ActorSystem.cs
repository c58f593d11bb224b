using System.Collections.Concurrent;
using ActorSupervisor.Actors.Internal;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Actors;

/// <summary>
/// A named hierarchy of actors: a root with a <c>/user</c> guardian (parent of the actors made with
/// <see cref="ActorOf"/>) and a <c>/system</c> guardian (the kernel's own actors), a dead-letter office, an
/// event stream, a clock and a logger. <see cref="Terminate"/> stops everything, children before parents.
/// </summary>
public sealed class ActorSystem
{
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Type, ILogger> _loggers = new();
    private long _deadLetterCount;
    private long _tempCounter;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        Time = settings.TimeProvider;
        Log = settings.LoggerFactory.CreateLogger("ActorSupervisor.Actors.ActorSystem");
        EventStream = new EventStream();
        var rootPath = ActorPath.Root(name);
        DeadLetters = new DeadLetterActorRef(this, rootPath.Child("deadLetters"));
        _root = new ActorCell(this, null, rootPath, Props.Create(() => new RootGuardian()));
        _userGuardian = (ActorCell)_root.ActorOf(Props.Create(() => new Guardian()), "user");
        _systemGuardian = (ActorCell)_root.ActorOf(Props.Create(() => new Guardian()), "system");
        _root.Start();
    }

    /// <summary>Creates and starts a system.</summary>
    /// <param name="name">Letters, digits, '-' and '_': the first element of every path.</param>
    /// <param name="settings">Clock, logging, throughput and persistence stores; defaults when null.</param>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ActorName.ValidateSystemName(name);
        settings ??= new ActorSystemSettings();
        settings.Validate();
        return new ActorSystem(name, settings);
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The settings it was created with.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>The clock every timer and timeout of this system uses.</summary>
    public TimeProvider Time { get; }

    /// <summary>The kernel's logger (dead letters, failures and supervision decisions).</summary>
    public ILogger Log { get; }

    /// <summary>Publish/subscribe for system-wide notices such as <see cref="DeadLetter"/> and <see cref="UnhandledMessage"/>.</summary>
    public EventStream EventStream { get; }

    /// <summary>Where messages to stopped actors go: counted, logged and published on the event stream.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>How many messages went to dead letters so far.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    /// <summary>
    /// How many user messages wait in the mailboxes of the actors under <c>/user</c>, and the deepest mailbox:
    /// the backlog an operator watches. Walks every actor, so it is for metrics scrapes, not hot paths.
    /// </summary>
    public MailboxStatistics GetMailboxStatistics()
    {
        var actors = 0;
        long queued = 0;
        var deepest = 0;
        var pending = new Stack<ActorCell>(_userGuardian.LiveChildren());
        while (pending.TryPop(out var cell))
        {
            var depth = cell.MailboxDepth;
            actors++;
            queued += depth;
            deepest = Math.Max(deepest, depth);
            foreach (var child in cell.LiveChildren()) pending.Push(child);
        }
        return new MailboxStatistics(actors, queued, deepest);
    }

    /// <summary>Completes once every actor has stopped after <see cref="Terminate"/> (or after the user guardian stopped).</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    /// <exception cref="InvalidActorNameException">A top-level actor with that name exists.</exception>
    /// <exception cref="ArgumentException">The name is not a valid actor name.</exception>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Creates an actor under <c>/system</c>, for infrastructure that must outlive the user actors during shutdown.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.ActorOf(props, name);

    /// <summary>Stops <paramref name="actor"/> after the message it is handling.</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not IInternalActorRef target) throw new ArgumentException($"{actor.Path} is not an actor of this system", nameof(actor));
        if (actor is ActorCell { ParentCell: { } parent } cell) parent.StopChild(cell);
        else target.SendSystemMessage(new TerminateActor());
    }

    /// <summary>Stops all user actors, then the system actors, children before parents; completes with <see cref="WhenTerminated"/>.</summary>
    public Task Terminate()
    {
        // /user first; the root guardian watches it and then stops /system and itself.
        _root.StopChild(_userGuardian);
        return WhenTerminated;
    }

    internal ILogger LoggerFor(Type actorType) =>
        _loggers.GetOrAdd(actorType, static (type, factory) => factory.CreateLogger(type.FullName ?? type.Name), Settings.LoggerFactory);

    internal ActorPath NewTempPath() => DeadLetters.Path.Parent!.Child("temp").Child("$" + Interlocked.Increment(ref _tempCounter));

    internal void DeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        if (message is AutoReceivedMessage and not PoisonPill and not Kill) return; // kernel ticks for a dead actor mean nothing to anyone
        var count = Interlocked.Increment(ref _deadLetterCount);
        if (sender is IAskReplyTarget ask) ask.RecipientTerminated(recipient);
        if (count <= Settings.DeadLetterLogLimit)
        {
            Log.LogInformation("Dead letter {Count}: {MessageType} from {Sender} to {Recipient} was not delivered{Suppressed}",
                count, message.GetType().Name, sender?.Path.ToString() ?? "nobody", recipient.Path,
                count == Settings.DeadLetterLogLimit ? "; further dead letters are counted but not logged" : "");
        }
        EventStream.Publish(new DeadLetter(message, sender, recipient));
    }

    internal void PublishUnhandled(UnhandledMessage unhandled)
    {
        Log.LogDebug("{Recipient} did not handle {MessageType}", unhandled.Recipient.Path, unhandled.Message.GetType().Name);
        EventStream.Publish(unhandled);
    }

    internal void OnRootTerminated() => _terminated.TrySetResult();

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem[{Name}]";

    /// <summary>The parent of the user and system guardians: stops /system once /user is gone, then itself.</summary>
    private sealed class RootGuardian : ActorBase
    {
        protected override void PreStart()
        {
            // By name, not Context.Children: a guardian already being stopped (an early Terminate) must be watched too.
            Context.Watch(Context.Child("user")!);
            Context.Watch(Context.Child("system")!);
        }

        protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.Stopping;

        protected override bool Receive(object message)
        {
            if (message is not Terminated terminated) return false;
            if (terminated.ActorRef.Path.Name == "user" && Context.Child("system") is { } systemGuardian) Context.Stop(systemGuardian);
            else if (!Context.Children.Any()) Context.Stop(Self);
            return true;
        }
    }

    /// <summary>The /user and /system guardians: plain parents with the default strategy.</summary>
    private sealed class Guardian : ActorBase
    {
        protected override bool Receive(object message) => false;
    }
}
