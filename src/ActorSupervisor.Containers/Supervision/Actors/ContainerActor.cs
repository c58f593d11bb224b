using ActorSupervisor.Actors;
using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Containers.Domain.Lifecycle;
using Microsoft.Extensions.Logging;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;

namespace ActorSupervisor.Containers.Supervision.Actors;

/// <summary>
/// One container, event-sourced: operator commands, runtime signals, health results and the supervisor's restart
/// orders all go through <see cref="ContainerDecider.Decide"/>; the events are persisted, applied, published to
/// the host's directory, and only then are the effects carried out on the runtime (decide, persist, then do).
/// Runtime calls are asynchronous; their outcomes come back as messages. While a start, pause, unpause or
/// adoption is under way every other message waits (stashed), so the state never races the runtime.
/// </summary>
internal sealed partial class ContainerActor : PersistentActor
{
    private readonly string _id;
    private readonly string _persistenceId;
    private readonly SupervisionContext _context;
    private readonly bool _nodeStart;
    private ContainerState _state = ContainerState.Empty;
    private bool _callInFlight;
    private List<IActorRef>? _settleWaiters;
    private IActorRef? _persistReplyTo;
    private int _eventsSinceSnapshot;

    /// <param name="id">The container id; also this actor's name.</param>
    /// <param name="context">What the host shares with its actors.</param>
    /// <param name="nodeStart">This incarnation is the node's start: Docker's restore rule applies after recovery.</param>
    public ContainerActor(string id, SupervisionContext context, bool nodeStart)
    {
        _id = id;
        _persistenceId = SupervisionContext.PersistenceIdOf(id);
        _context = context;
        _nodeStart = nodeStart;
    }

    public override string PersistenceId => _persistenceId;

    private DateTimeOffset Now => Context.System.Time.GetUtcNow();

    protected override bool ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: ContainerState snapshot }:
                _state = snapshot;
                return true;
            case ContainerEvent e:
                _state = _state.Apply(e);
                return true;
            case RecoveryCompleted:
                OnRecovered();
                return true;
            default:
                return false;
        }
    }

    protected override bool ReceiveCommand(object message)
    {
        if (MustWait(message))
        {
            Stash();
            return true;
        }
        switch (message)
        {
            case ContainerRequest request:
                OnRequest(request.Command);
                return true;
            case RuntimeNotice notice:
                OnRuntimeNotice(notice);
                return true;
            case SupervisorOrder order when _heldExit is not null:
                PersistHeldExit(order.Command);
                return true;
            case SupervisorOrder order:
                Decide(order.Command, null, settle: false);
                return true;
            case RestartDeclined:
                if (_heldExit is not null) PersistHeldExit(null);
                return true;
            case StartOutcome outcome:
                OnStartOutcome(outcome);
                return true;
            case AdoptOutcome outcome:
                OnAdoptOutcome(outcome);
                return true;
            case PauseOutcome outcome:
                OnPauseOutcome(outcome);
                return true;
            case RuntimeCallFailed failed:
                Log.LogWarning(failed.Error, "Container {ContainerId}: the runtime could not {Operation} the workload", _id, failed.Operation);
                FailWaiters(new CommandRejectedException(_id, $"the runtime could not {failed.Operation} the workload: {failed.Error.Message}"));
                return true;
            case HealthTick tick:
                OnHealthTick(tick);
                return true;
            case ProbeOutcome probe:
                OnProbeOutcome(probe);
                return true;
            case ChildRecovered recovered:
                Context.Parent.Tell(recovered, Self);
                return true;
            case Drain drain:
                OnDrain(drain);
                return true;
            case SaveSnapshotSuccess:
                return true;
            case SaveSnapshotFailure failure:
                Log.LogWarning(failure.Cause, "Container {ContainerId}: saving a snapshot failed; recovery replays more events", _id);
                return true;
            default:
                return false;
        }
    }

    /// <summary>While a runtime call or the supervisor's answer is awaited, only that answer is handled; the rest is stashed.</summary>
    private bool MustWait(object message) =>
        _callInFlight
        && message is not (StartOutcome or AdoptOutcome or PauseOutcome)
        && !(_heldExit is not null && message is SupervisorOrder or RestartDeclined);

    private void OnRequest(ContainerCommand command)
    {
        // Commands that change what runs answer once the runtime has done it, as Docker's API does.
        var settle = command is Start or Stop or ContainerCommand.Restart or Pause or Unpause or Remove { Force: true };
        Decide(command, Sender, settle);
    }

    /// <summary>Decides, persists the events, applies and publishes them, then carries out the effects and answers.</summary>
    private void Decide(ContainerCommand command, IActorRef? replyTo, bool settle)
    {
        var decision = ContainerDecider.Decide(_state, command, Now);
        if (decision.IsRejected)
        {
            if (replyTo is not null) replyTo.Tell(new StatusFailure(new CommandRejectedException(_id, decision.Rejection!)), Self);
            else Log.LogDebug("Container {ContainerId}: {Command} ignored: {Reason}", _id, command.GetType().Name, decision.Rejection);
            // A refused create leaves nothing to supervise: the shard must not bring it back after a restart.
            if (command is Create && _state.Status == ContainerStatus.None) Context.Parent.Tell(new EntityRemoved(_id), Self);
            CheckSettled();
            return;
        }
        if (decision.Events.Count == 0)
        {
            AfterDecision(decision.Effects, replyTo, settle);
            return;
        }
        if (replyTo is null && decision.Effects.Any(e => e is ContainerEffect.ReportExit))
        {
            HoldExit(decision);
            return;
        }
        Persist(decision.Events, decision.Effects, replyTo, settle);
    }

    private void Persist(IReadOnlyList<ContainerEvent> events, IReadOnlyList<ContainerEffect> effects, IActorRef? replyTo, bool settle)
    {
        var last = events[^1];
        _persistReplyTo = replyTo;
        PersistAll(events, e =>
        {
            _state = _state.Apply(e);
            _context.Metrics.CountEvent(e);
            _eventsSinceSnapshot++;
            if (!ReferenceEquals(e, last)) return;
            _persistReplyTo = null;
            _context.Directory.Publish(_id, _state);
            MaybeSnapshot();
            AfterDecision(effects, replyTo, settle);
        });
    }

    private void AfterDecision(IReadOnlyList<ContainerEffect> effects, IActorRef? replyTo, bool settle)
    {
        Execute(effects);
        if (replyTo is not null)
        {
            if (settle) (_settleWaiters ??= []).Add(replyTo);
            else replyTo.Tell(new ContainerReply(_state), Self);
        }
        CheckSettled();
    }

    /// <summary>Answers the commands that wait for the runtime once nothing is under way any more.</summary>
    private void CheckSettled()
    {
        if (_settleWaiters is not { Count: > 0 } || _callInFlight || _state.PendingStop != StopPurpose.None) return;
        var reply = new ContainerReply(_state);
        foreach (var waiter in _settleWaiters) waiter.Tell(reply, Self);
        _settleWaiters.Clear();
    }

    private void FailWaiters(Exception cause)
    {
        if (_settleWaiters is not { Count: > 0 }) return;
        foreach (var waiter in _settleWaiters) waiter.Tell(new StatusFailure(cause), Self);
        _settleWaiters.Clear();
    }

    private void MaybeSnapshot()
    {
        if (_eventsSinceSnapshot < _context.Options.SnapshotInterval) return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(_state);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        _persistReplyTo?.Tell(new StatusFailure(new CommandRejectedException(_id, $"the journal rejected the change: {cause.Message}")), Self);
        _persistReplyTo = null;
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistFailure(cause, @event, sequenceNr);
        _context.Metrics.ActorFailure();
        _persistReplyTo?.Tell(new StatusFailure(new ContainerUnavailableException(_id, $"the journal could not store the change ({cause.Message}); the container recovers and the command can be retried")), Self);
        _persistReplyTo = null;
    }

    protected override void PostStop()
    {
        FailWaiters(new ContainerUnavailableException(_id, "its actor stopped before the command completed"));
        base.PostStop();
    }
}
