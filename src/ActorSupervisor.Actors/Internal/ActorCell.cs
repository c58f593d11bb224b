using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Actors.Internal;

/// <summary>
/// One actor's runtime: its ref, its mailbox (a system lane and a user lane), its place in the hierarchy
/// and its current instance. The ref and the cell are one object to keep an idle actor small. Everything
/// but sending runs on the cell's own turn on the thread pool, one turn at a time.
/// </summary>
/// <remarks>
/// It derives from <see cref="SynchronizationContext"/> so that the awaits of an async handler resume
/// inside the actor's turn (see <c>ActorCell.Dispatch.cs</c>), at no per-actor cost.
/// </remarks>
internal sealed partial class ActorCell : SynchronizationContext, IInternalActorRef, IActorContext
{
    [ThreadStatic] private static ActorCell? t_current;
    [ThreadStatic] private static ActorCell? t_creating;

    private readonly ActorSystem _system;
    private readonly ActorCell? _parent;
    private readonly ActorPath _path;
    private readonly Props _props;
    private ActorBase? _actor;
    private object? _currentMessage;
    private IActorRef? _currentSender;
    private Func<object, bool>? _behavior;
    private CellExtras? _extras;

    public ActorCell(ActorSystem system, ActorCell? parent, ActorPath path, Props props)
    {
        _system = system;
        _parent = parent;
        _path = path;
        _props = props;
        _mailbox = new MpscQueue();
        _capacity = props.Mailbox.Capacity;
    }

    /// <summary>The cell whose turn is running on this thread, if any: the implicit sender of a <c>Tell</c>.</summary>
    public static ActorCell? CurrentCell => t_current;

    /// <summary>The cell whose actor is being constructed on this thread: how <see cref="ActorBase"/> finds its cell.</summary>
    public static ActorCell? Creating => t_creating;

    public ActorPath Path => _path;

    public ActorSystem System => _system;

    public IActorRef Self => this;

    public IActorRef Sender => _currentSender ?? _system.DeadLetters;

    public IActorRef Parent => _parent ?? (IActorRef)this;

    public ActorCell? ParentCell => _parent;

    public Props Props => _props;

    public ActorBase? Actor => _actor;

    public ILogger Log => _system.LoggerFor(_props.ActorType);

    public object? CurrentMessage => _currentMessage;

    public IActorRef? CurrentSender => _currentSender;

    /// <summary>Lets a persistent actor run event handlers with the sender of the command that persisted them.</summary>
    public void SetCurrentSender(IActorRef? sender) => _currentSender = sender;

    private CellExtras Extras
    {
        get
        {
            var extras = _extras;
            if (extras is not null) return extras;
            Interlocked.CompareExchange(ref _extras, new CellExtras(), null);
            return _extras!;
        }
    }

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_capacity > 0 && !TryReserveSlot(message, sender)) return;
        _mailbox.Enqueue(message, sender);
        if (_closed)
        {
            DrainUserMessagesToDeadLetters();
            return;
        }
        TrySchedule();
    }

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => _path.GetHashCode();

    public override string ToString() => $"Actor[{_path}]";

    /// <summary>
    /// Rarely used parts of a cell, allocated on first use so that an idle leaf actor does not pay for them.
    /// Touched only on the cell's turn, except <see cref="Children"/> (also under the cell's lock for <c>ActorOf</c> from outside).
    /// </summary>
    private sealed class CellExtras
    {
        public Dictionary<string, ActorCell>? Children;
        public HashSet<ActorCell>? StoppingChildren;
        public long ChildNameCounter;
        public HashSet<IInternalActorRef>? Watchers;
        public HashSet<IInternalActorRef>? Watching;
        public List<Envelope>? Stash;
        public LinkedList<Envelope>? Unstashed;
        public Stack<Func<object, bool>>? BehaviorStack;
        public TimerScheduler? Timers;
        public TimeSpan? ReceiveTimeout;
        public ITimer? ReceiveTimeoutTimer;
        public int ReceiveTimeoutGeneration;
        public Task? PendingTask;
        public Exception? PendingRecreateCause;
        public bool CurrentMessageStashed;
    }
}
