using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Mailboxes;
using ActorSupervisor.Supervision.Persistence;
using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;

namespace ActorSupervisor.Supervision.Actors;

/// <summary>
/// One container, event-sourced, as an entity of the <c>container</c> shard region. Operator commands, runtime
/// signals, health results and its own restart timer all go through <see cref="ContainerDecider.Decide"/>; an exit
/// the policy may restart is decided on the spot by <c>RestartManager.Decide</c> (<c>ContainerEntity.Restarts</c>),
/// and the die with its restart (or give-up) is one atomic write. Events are persisted, applied and published to
/// the host's directory, and only then are the effects carried out on the runtime (decide, persist, then do).
/// Runtime calls are asynchronous; their outcomes come back as messages. While a start, pause, unpause or adoption
/// is under way every other message waits (stashed), so the state never races the runtime.
/// </summary>
/// <remarks>
/// The entity's parent is Akka's Shard. An exception in the entity restarts it (Akka's default strategy: it recovers
/// from the journal); a journal failure stops it, and the shard re-creates it after
/// <c>akka.cluster.sharding.entity-restart-backoff</c> because remember-entities is on. Either way nothing is lost and
/// no other container is touched.
/// </remarks>
internal sealed partial class ContainerEntity : UntypedPersistentActor
{
    private readonly string _id;
    private readonly SupervisionContext _context;
    // Created on first use: most containers never arm a probe, group or restart timer, and an idle entity should cost little.
    private EntityTimer? _restartTimer;
    private EntityTimer? _healthTimer;
    private EntityTimer? _readinessTimer;
    private EntityTimer? _groupTimer;
    private ContainerState _state = ContainerState.Empty;
    private bool _callInFlight;
    private List<IActorRef>? _settleWaiters;
    private List<IActorRef>? _drainWaiters;
    private IActorRef? _persistReplyTo;
    private int _eventsSinceSnapshot;

    /// <param name="id">The container id; also this entity's id.</param>
    /// <param name="context">What the host shares with its entities.</param>
    public ContainerEntity(string id, SupervisionContext context)
    {
        _id = id;
        _context = context;
        PersistenceId = ContainerPersistenceIds.Of(id);
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    private DateTimeOffset Now => _context.Time.GetUtcNow();

    private ILogger Logger => _context.Log;

    /// <summary>The props the shard region creates entities from, on the compact mailbox (no ~1.1 KB queue per idle entity).</summary>
    public static Props PropsFor(string id, SupervisionContext context) => Props.Create(() => new ContainerEntity(id, context)).WithMailbox(CompactDequeMailbox.Id);

    /// <inheritdoc />
    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: ContainerState snapshot }:
                _state = snapshot;
                break;
            case ContainerEvent e:
                _state = _state.Apply(e);
                break;
            case RecoveryCompleted:
                OnRecovered();
                break;
        }
    }

    /// <inheritdoc />
    protected override void OnCommand(object message)
    {
        if (MustWait(message))
        {
            Stash.Stash();
            return;
        }
        if (IsStale(message)) return;
        switch (message)
        {
            case ContainerRequest request:
                OnRequest(request.Command);
                break;
            case RuntimeNotice notice:
                OnRuntimeNotice(notice);
                break;
            case RestartTick tick:
                OnRestartTick(tick);
                break;
            case StartOutcome outcome:
                OnStartOutcome(outcome);
                break;
            case AdoptOutcome outcome:
                OnAdoptOutcome(outcome);
                break;
            case StraysKilled outcome:
                OnStraysKilled(outcome);
                break;
            case PauseOutcome outcome:
                OnPauseOutcome(outcome);
                break;
            case MemoryUpdateOutcome outcome:
                OnMemoryUpdateOutcome(outcome);
                break;
            case RuntimeCallFailed failed:
                Logger.LogWarning(failed.Error, "Container {ContainerId}: the runtime could not {Operation} the workload", _id, failed.Operation);
                FailWaiters(new CommandRejectedException(_id, $"the runtime could not {failed.Operation} the workload: {failed.Error.Message}"));
                break;
            case HealthTick tick:
                OnHealthTick(tick);
                break;
            case GroupNoticeTick:
                OnGroupNoticeTick();
                break;
            case ProbeOutcome probe:
                OnProbeOutcome(probe);
                break;
            case Wake:
                // Answered once whatever recovery decided is durable: this message waited behind it.
                Sender.Tell(new Woken(_id, _state.Status is not (ContainerStatus.None or ContainerStatus.Removed), _state, LastSequenceNr, _context.Options.NodeId));
                if (_state.Status is ContainerStatus.None or ContainerStatus.Removed) Passivate();
                break;
            case Drain drain:
                OnDrain(drain);
                break;
            case HandOff:
                OnHandOff();
                break;
            case SaveSnapshotSuccess:
                break;
            case SaveSnapshotFailure failure:
                Logger.LogWarning(failure.Cause, "Container {ContainerId}: saving a snapshot failed; recovery replays more events", _id);
                break;
            case Retire:
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>
    /// True (and the message dropped, a request answered unavailable) when this node no longer trusts the lease of the
    /// container's shard: it was frozen or cut off past the lease's trust, so the shard, and with it this entity, may
    /// live on another node now. The fence has killed the workload; the lost lease stops the shard here. Meanwhile
    /// nothing is started or persisted from this stale view: an exit the fence caused is not this node's to record.
    /// </summary>
    private bool IsStale(object message)
    {
        // A shard being handed off counts as held until its entities stop (the lease side, SupervisionContext.HandingOff).
        if (message is not (ContainerRequest or RuntimeNotice or RestartTick or HealthTick or ProbeOutcome or StartOutcome or AdoptOutcome)
            || _context.OwnsWorkload(_id))
            return false;
        Logger.LogWarning("Container {ContainerId}: {Message} dropped: this node does not hold the lease of its shard now", _id, message.GetType().Name);
        if (message is ContainerRequest) Sender.Tell(ContainerFailure.Of(_id, new ContainerUnavailableException(_id, "its shard is moving to another node")));
        if (message is StartOutcome or AdoptOutcome)
        {
            // The call it answers ends here: the workload it started or adopted is the fence's and the lost lease's to kill.
            _callInFlight = false;
            Context.Stop(Self);
        }
        return true;
    }

    /// <summary>While a runtime call is awaited, only its outcome is handled; the rest is stashed.</summary>
    private bool MustWait(object message) => _callInFlight && message is not (StartOutcome or AdoptOutcome or StraysKilled or PauseOutcome or MemoryUpdateOutcome);

    private void OnRequest(ContainerCommand command)
    {
        if (_state.Status is ContainerStatus.None && command is not Create)
        {
            Sender.Tell(ContainerFailure.Of(_id, new ContainerNotFoundException(_id)));
            Passivate();
            return;
        }
        // Commands that change what runs answer once the runtime has done it, as Docker's API does.
        var settle = command is Start or ContainerCommand.Stop or ContainerCommand.Restart or Pause or Unpause or Remove { Force: true }
            or GroupStart or GroupStop
            or Update { MemoryLimitBytes: not null };
        Decide(command, Sender, settle);
    }

    /// <summary>Decides, persists the events, applies and publishes them, then carries out the effects and answers.</summary>
    private void Decide(ContainerCommand command, IActorRef? replyTo, bool settle)
    {
        var decision = ContainerDecider.Decide(_state, command, Now);
        if (decision.IsRejected)
        {
            if (replyTo is not null) replyTo.Tell(ContainerFailure.Of(_id, new CommandRejectedException(_id, decision.Rejection!)));
            else Logger.LogDebug("Container {ContainerId}: {Command} ignored: {Reason}", _id, command.GetType().Name, decision.Rejection);
            // A refused create leaves nothing to supervise: the shard must not bring it back.
            if (command is Create && _state.Status == ContainerStatus.None) Passivate();
            CheckSettled();
            return;
        }
        var (events, effects) = WithRestartDecision(decision);
        if (events.Count == 0)
        {
            AfterDecision(effects, replyTo, settle);
            return;
        }
        Persist(events, StartIfDueAtOnce(events, effects), replyTo, settle);
    }

    /// <summary>
    /// A restart due at once (no backoff, an operator's restart, a group's start) starts its workload while the exit and
    /// the restart decision are written: the write (an fsync) is most of a restart's latency as the workload sees it. The
    /// start is the decision's own, or what <see cref="RestartDue"/> would order on the written state; the effects left
    /// for after the write are returned without it. Its outcome waits behind the write (a persisting actor stashes what
    /// comes), so Started is recorded after the decision, and the restart timer the write arms is stale by the time its
    /// tick is handled. A write that fails stops the entity with this start unrecorded: its recovery kills the
    /// unrecorded workload (<c>KillStraysAsync</c>) before it decides anything, so nothing runs twice.
    /// </summary>
    private IReadOnlyList<ContainerEffect> StartIfDueAtOnce(IReadOnlyList<ContainerEvent> events, IReadOnlyList<ContainerEffect> effects)
    {
        var written = events.Aggregate(_state, static (state, e) => state.Apply(e));
        if (written is not { Status: ContainerStatus.Restarting, RestartDueAt: { } due } || due > Now) return effects;
        var start = effects.OfType<ContainerEffect.StartWorkload>().FirstOrDefault()
            ?? ContainerDecider.Decide(written, new RestartDue(), Now).Effects.OfType<ContainerEffect.StartWorkload>().FirstOrDefault();
        if (start is null) return effects;
        StartWorkload(start.Trigger);
        return [.. effects.Where(e => e is not ContainerEffect.StartWorkload)];
    }

    private void Persist(IReadOnlyList<ContainerEvent> events, IReadOnlyList<ContainerEffect> effects, IActorRef? replyTo, bool settle)
    {
        var last = events[^1];
        _persistReplyTo = replyTo;
        var started = _context.Time.GetTimestamp();
        PersistAll(events, e =>
        {
            _state = _state.Apply(e);
            _context.Metrics.CountEvent(e);
            _eventsSinceSnapshot++;
            if (!ReferenceEquals(e, last)) return;
            _context.Metrics.JournalWriteLatency.Record(_context.Time.GetElapsedTime(started));
            _context.Metrics.JournalWorked();
            _persistReplyTo = null;
            _context.Publish(_id, _state, LastSequenceNr);
            MaybeSnapshot();
            AfterDecision(effects, replyTo, settle);
        });
    }

    private void AfterDecision(IReadOnlyList<ContainerEffect> effects, IActorRef? replyTo, bool settle)
    {
        Execute(effects);
        SyncGroupNotice();
        if (replyTo is not null)
        {
            if (settle) (_settleWaiters ??= []).Add(replyTo);
            else replyTo.Tell(Reply());
        }
        CheckSettled();
    }

    /// <summary>Answers the commands that wait for the runtime once nothing is under way any more.</summary>
    private void CheckSettled()
    {
        if (_callInFlight || _state.PendingStop != StopPurpose.None) return;
        if (_settleWaiters is { Count: > 0 })
        {
            var reply = Reply();
            foreach (var waiter in _settleWaiters) waiter.Tell(reply);
            _settleWaiters.Clear();
        }
        if (_drainWaiters is { Count: > 0 })
        {
            foreach (var waiter in _drainWaiters) waiter.Tell(new Drained(_id));
            _drainWaiters.Clear();
        }
        if (_handingOff) Context.Stop(Self);
    }

    private void FailWaiters(Exception cause)
    {
        if (_settleWaiters is not { Count: > 0 }) return;
        foreach (var waiter in _settleWaiters) waiter.Tell(ContainerFailure.Of(_id, cause));
        _settleWaiters.Clear();
    }

    private ContainerReply Reply() => new(_state, LastSequenceNr, _context.Options.NodeId);

    private void MaybeSnapshot()
    {
        if (_eventsSinceSnapshot < _context.Options.SnapshotInterval) return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(_state);
    }

    /// <summary>Asks the shard to stop this entity for good: it is not remembered and not re-created.</summary>
    private void Passivate()
    {
        CancelTimers();
        Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(Retire.Instance));
    }

    /// <summary>The timer in <paramref name="slot"/>, created on its first use.</summary>
    private EntityTimer Timer(ref EntityTimer? slot) => slot ??= new EntityTimer(_context.Time, Self);

    private void CancelTimers()
    {
        _restartTimer?.Cancel();
        _healthTimer?.Cancel();
        _readinessTimer?.Cancel();
        _groupTimer?.Cancel();
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        _persistReplyTo?.Tell(ContainerFailure.Of(_id, new CommandRejectedException(_id, $"the journal rejected the change: {cause.Message}")));
        _persistReplyTo = null;
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _context.Metrics.ActorFailure();
        _context.Metrics.JournalFailed(cause);
        Logger.LogWarning(cause, "Container {ContainerId}: the journal could not store a change; the entity stops and recovers", _id);
        _persistReplyTo?.Tell(ContainerFailure.Of(_id, new ContainerUnavailableException(_id,
            $"the journal could not store the change ({cause.Message}); the container recovers and the command can be retried")));
        _persistReplyTo = null;
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        _context.SetHosted(_id, true);
        base.PreStart();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _context.SetHosted(_id, false);
        CancelTimers();
        FailWaiters(new ContainerUnavailableException(_id, "its entity stopped before the command completed"));
        base.PostStop();
    }

    /// <summary>The message the shard sends back to stop a passivated entity.</summary>
    internal sealed record Retire
    {
        public static Retire Instance { get; } = new();
    }
}
