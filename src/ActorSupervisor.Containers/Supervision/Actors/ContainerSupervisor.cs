using ActorSupervisor.Actors;
using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Containers.Supervision.Sharding;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Containers.Supervision.Actors;

/// <summary>
/// One shard: the parent of its containers' actors. It remembers which containers it owns (persisted, so every
/// one of them comes back after a node restart: remember-entities), routes envelopes to them, owns the restart
/// decision and its timing (<see cref="ContainerSupervisor"/>.Restarts), and supervises the actors themselves: a
/// container actor that throws is restarted (at most 10 times a minute, then stopped), one that stops on a
/// journal failure is re-created after a backoff; the node never goes down with it.
/// </summary>
internal sealed partial class ContainerSupervisor : PersistentActor
{
    private const int SnapshotEvery = 1000;
    private static readonly TimeSpan MaxRecreateDelay = TimeSpan.FromMinutes(1);
    private readonly int _shard;
    private readonly string _persistenceId;
    private readonly SupervisionContext _context;
    private readonly bool _nodeStart;
    private readonly HashSet<string> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly SupervisorStrategy _strategy;
    private HashSet<string>? _recovering;
    private List<IActorRef>? _recoveryWaiters = [];
    private bool _loaded;
    private int _eventsSinceSnapshot;

    public ContainerSupervisor(int shard, SupervisionContext context, bool nodeStart)
    {
        _shard = shard;
        _persistenceId = Serialization.SupervisionEventTypes.ShardPersistencePrefix + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _context = context;
        _nodeStart = nodeStart;
        _strategy = new OneForOneStrategy(10, TimeSpan.FromMinutes(1), OnChildFailure);
    }

    public override string PersistenceId => _persistenceId;

    private DateTimeOffset Now => Context.System.Time.GetUtcNow();

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    protected override bool ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: ShardSnapshot snapshot }:
                _entities.UnionWith(snapshot.EntityIds);
                return true;
            case ShardEntityAdded added:
                _entities.Add(added.EntityId);
                return true;
            case ShardEntityRemoved removed:
                _entities.Remove(removed.EntityId);
                return true;
            case RecoveryCompleted:
                Self.Tell(LoadChildren.Instance, Self);
                return true;
            default:
                return false;
        }
    }

    protected override bool ReceiveCommand(object message)
    {
        switch (message)
        {
            case ShardEnvelope envelope:
                Route(envelope);
                return true;
            case ExitReported exit:
                DecideRestart(exit);
                return true;
            case RestartTimerFired fired:
                Context.Child(fired.EntityId)?.Tell(new SupervisorOrder(new Domain.Lifecycle.ContainerCommand.RestartDue()), Self);
                return true;
            case RestartCancelled cancelled:
                Timers.Cancel(new RestartTimerKey(cancelled.EntityId));
                return true;
            case RestartResumed resumed:
                ResumeRestart(resumed);
                return true;
            case EntityRemoved removed:
                Forget(removed.EntityId);
                return true;
            case LoadChildren:
                RunTask(LoadChildrenAsync);
                return true;
            case ChildRecovered recovered:
                _failures.Remove(recovered.EntityId);
                _recovering?.Remove(recovered.EntityId);
                CheckRecovered();
                return true;
            case AwaitRecovered:
                if (_recoveryWaiters is null) Sender.Tell(new ShardRecovered(_shard, _entities.Count), Self);
                else _recoveryWaiters.Add(Sender);
                return true;
            case Terminated terminated:
                OnChildTerminated(terminated.ActorRef.Path.Name);
                return true;
            case RecreateChild recreate:
                if (_entities.Contains(recreate.EntityId) && Context.Child(recreate.EntityId) is null) StartChild(recreate.EntityId, nodeStart: false);
                return true;
            case SaveSnapshotSuccess:
                return true;
            case SaveSnapshotFailure failure:
                Log.LogWarning(failure.Cause, "Shard {Shard}: saving a snapshot failed", _shard);
                return true;
            default:
                return false;
        }
    }

    private async Task LoadChildrenAsync()
    {
        var ids = _entities.Where(id => Context.Child(id) is null).ToList();
        if (ids.Count > 0 && _context.Recovery.CanPreload)
        {
            try
            {
                await _context.Recovery.PreloadAsync(ids.ConvertAll(SupervisionContext.PersistenceIdOf)).ConfigureAwait(true);
            }
            catch (Exception e)
            {
                Log.LogWarning(e, "Shard {Shard}: bulk loading {Count} containers failed; each recovers on its own", _shard, ids.Count);
            }
        }
        _recovering = new HashSet<string>(ids, StringComparer.Ordinal);
        foreach (var id in ids) StartChild(id, _nodeStart);
        _loaded = true;
        CheckRecovered();
    }

    private void CheckRecovered()
    {
        if (!_loaded || _recovering is { Count: > 0 } || _recoveryWaiters is null) return;
        var recovered = new ShardRecovered(_shard, _entities.Count);
        foreach (var waiter in _recoveryWaiters) waiter.Tell(recovered, Self);
        _recoveryWaiters = null;
        _recovering = null;
    }

    private void Route(ShardEnvelope envelope)
    {
        var id = envelope.EntityId;
        if (Context.Child(id) is { } child)
        {
            child.Forward(envelope.Message);
            return;
        }
        switch (envelope.Message)
        {
            case ContainerRequest { Command: Domain.Lifecycle.ContainerCommand.Create } when !_entities.Contains(id):
                // Remembered before it exists, so a crash right after the create still brings it back.
                Persist(new ShardEntityAdded(id), added =>
                {
                    _entities.Add(added.EntityId);
                    MaybeSnapshot();
                    StartChild(id, nodeStart: false).Forward(envelope.Message);
                });
                return;
            case ContainerRequest or RuntimeNotice when _entities.Contains(id):
                // Its actor stopped on a failure and waits for re-creation: a message brings it back now.
                Timers.Cancel(new RecreateTimerKey(id));
                try
                {
                    StartChild(id, nodeStart: false).Forward(envelope.Message);
                }
                catch (InvalidActorNameException)
                {
                    // The old actor is still stopping; its Terminated schedules the re-creation.
                    if (envelope.Message is ContainerRequest)
                        Sender.Tell(new StatusFailure(new ContainerUnavailableException(id, "its actor is restarting after a failure")), Self);
                }
                return;
            case ContainerRequest:
                Sender.Tell(new StatusFailure(new ContainerNotFoundException(id)), Self);
                return;
            case Drain:
                Sender.Tell(new Drained(id), Self);
                return;
            default:
                Log.LogDebug("Shard {Shard}: {MessageType} for unknown container {ContainerId} dropped", _shard, envelope.Message.GetType().Name, id);
                return;
        }
    }

    private IActorRef StartChild(string id, bool nodeStart)
    {
        // Only the first incarnation is the node's start; a restart after a failure must not apply the restore rule again.
        var firstIncarnation = nodeStart;
        var props = Props.Create(() =>
        {
            var actor = new ContainerActor(id, _context, firstIncarnation);
            firstIncarnation = false;
            return actor;
        });
        var child = Context.ActorOf(props, id);
        Context.Watch(child);
        return child;
    }

    private void Forget(string id)
    {
        Persist(new ShardEntityRemoved(id), removed =>
        {
            _entities.Remove(removed.EntityId);
            _failures.Remove(removed.EntityId);
            Timers.Cancel(new RestartTimerKey(removed.EntityId));
            Timers.Cancel(new RecreateTimerKey(removed.EntityId));
            if (Context.Child(removed.EntityId) is { } child) Context.Stop(child);
            MaybeSnapshot();
        });
    }

    private void MaybeSnapshot()
    {
        if (++_eventsSinceSnapshot < SnapshotEvery) return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(new ShardSnapshot([.. _entities]));
    }

    private Directive OnChildFailure(Exception cause)
    {
        _context.Metrics.ActorFailure();
        Log.LogError(cause, "Shard {Shard}: a container actor failed; restarting it", _shard);
        return Directive.Restart;
    }

    private void OnChildTerminated(string id)
    {
        if (_recovering?.Remove(id) == true) CheckRecovered();
        if (!_entities.Contains(id)) return; // removed
        var failures = _failures[id] = _failures.GetValueOrDefault(id) + 1;
        var delay = TimeSpan.FromTicks(Math.Min(MaxRecreateDelay.Ticks, _context.Options.ActorRestartBackoff.Ticks << Math.Min(failures - 1, 20)));
        Log.LogWarning("Shard {Shard}: the actor of container {ContainerId} stopped (failure {Failures}); re-creating it in {Delay}", _shard, id, failures, delay);
        Timers.StartSingleTimer(new RecreateTimerKey(id), new RecreateChild(id), delay);
    }
}
