using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using Microsoft.Extensions.Logging;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;

namespace ActorSupervisor.Supervision.Actors;

/// <summary>
/// The card's "supervisor applies the restart policy", inside the entity: when the domain reports an exit the policy
/// may restart, <see cref="RestartManager.Decide"/> (policy, intensity, backoff) runs at once and its order (schedule
/// a restart, give up) is decided on the state the exit leads to, so the die and the restart are one atomic write.
/// The wait is the entity's own timer, kept in step with the persisted state: a restarting container always has its
/// timer due at <see cref="ContainerState.RestartDueAt"/>, after a recovery too.
/// </summary>
internal sealed partial class ContainerEntity
{
    private long _restartGeneration;
    private static readonly TimeSpan GroupNoticeInterval = TimeSpan.FromSeconds(5);
    private GroupCommand.MemberExited? _groupNotice;
    private bool _exitFoundAtRecovery;
    private bool _groupTimerArmed;

    /// <summary>The decision's events and effects, with the restart decision folded in when the decision reports an exit.</summary>
    private (IReadOnlyList<ContainerEvent> Events, IReadOnlyList<ContainerEffect> Effects) WithRestartDecision(Decision decision)
    {
        if (!decision.Effects.Any(e => e is ContainerEffect.ReportExit)) return (decision.Events, decision.Effects);
        var events = decision.Events.ToList();
        var effects = decision.Effects.Where(e => e is not ContainerEffect.ReportExit).ToList();
        var after = events.Aggregate(_state, static (state, e) => state.Apply(e));
        var exit = events.OfType<ContainerEvent.Died>().LastOrDefault(d => d.RestartPending);
        // An exit found at recovery (the workload ended while no node watched it: its node died, it moved by fail-over) is
        // not a failure the group acts on: the member's own policy brings it back, as without a group.
        if (after.Group is not null && exit is not null && !_exitFoundAtRecovery)
        {
            if (after.GroupRestarts)
            {
                // The group decides (one_for_all, rest_for_one): the exit waits, recorded, for the group's order.
                _groupNotice = new GroupCommand.MemberExited(_id, exit.ExitCode, exit.At, MemberExitVerdict.GroupDecides);
                return (events, effects);
            }
            _groupNotice = new GroupCommand.MemberExited(_id, exit.ExitCode, exit.At, MemberExitVerdict.Restarted);
        }
        if (OrderFor(after) is { } order)
        {
            if (order is GiveUp && _groupNotice is not null) _groupNotice = _groupNotice with { Verdict = MemberExitVerdict.GaveUp };
            var followUp = ContainerDecider.Decide(after, order, Now);
            if (followUp.IsRejected) Logger.LogWarning("Container {ContainerId}: {Order} refused: {Reason}", _id, order.GetType().Name, followUp.Rejection);
            events.AddRange(followUp.Events);
            effects.AddRange(followUp.Effects);
        }
        else
        {
            _groupNotice = null;
            // Not restarted after all: the die must not leave a decision pending.
            for (var i = 0; i < events.Count; i++)
                if (events[i] is ContainerEvent.Died { RestartPending: true } died) events[i] = died with { RestartPending = false };
        }
        return (events, effects);
    }

    /// <summary>What the restart policy orders for a container whose exit awaits a decision; null when it stays exited.</summary>
    private ContainerCommand? OrderFor(ContainerState exited)
    {
        var decision = RestartManager.Decide(exited.RestartContext(), Now, Random.Shared);
        switch (decision.Verdict)
        {
            case RestartVerdict.Restart:
                return new ScheduleRestart(decision);
            case RestartVerdict.GiveUp:
                Logger.LogWarning("Container {ContainerId}: giving up: {Reason}", _id, decision.Reason);
                return new GiveUp(decision.Reason);
            default:
                Logger.LogInformation("Container {ContainerId}: not restarted: {Reason}", _id, decision.Reason);
                return null;
        }
    }

    /// <summary>After recovery: an exit whose decision was never written is decided now, or told to the group that decides it.</summary>
    private void DecidePendingRestart()
    {
        if (_state is { GroupRestarts: true, Group: not null })
        {
            SyncGroupNotice();
            return;
        }
        if (OrderFor(_state) is { } order) Decide(order, null, settle: false);
    }

    /// <summary>
    /// Tells the group about the exit just recorded, and, while the exit waits for the group's order, again every
    /// <see cref="GroupNoticeInterval"/>: a notice lost with a node (the group's moved meanwhile) is sent again; the group
    /// changes nothing for a repeat.
    /// </summary>
    private void SyncGroupNotice()
    {
        var waiting = _state is { Status: ContainerStatus.Exited, RestartPending: true, GroupRestarts: true, Group: not null, FinishedAt: not null };
        // One_for_one: the member restarted (or gave up) on its own; the group only counts it.
        if (_groupNotice is { } notice && !waiting && _state.Group is { } group) _context.TellGroup(group, notice);
        _groupNotice = null;
        if (waiting && !_groupTimerArmed)
        {
            _context.TellGroup(_state.Group!, new GroupCommand.MemberExited(_id, _state.ExitCode, _state.FinishedAt!.Value, MemberExitVerdict.GroupDecides));
            _groupTimerArmed = true;
            Timer(ref _groupTimer).Start(new GroupNoticeTick(), GroupNoticeInterval);
        }
        else if (!waiting && _groupTimerArmed)
        {
            _groupTimerArmed = false;
            _groupTimer?.Cancel();
        }
    }

    private void OnGroupNoticeTick()
    {
        _groupTimerArmed = false;
        SyncGroupNotice();
    }

    /// <summary>Arms or drops the restart timer so that it matches the state.</summary>
    private void SyncRestartTimer()
    {
        if (_state is { Status: ContainerStatus.Restarting, RestartDueAt: { } dueAt })
        {
            var remaining = dueAt - Now;
            Timer(ref _restartTimer).Start(new RestartTick(++_restartGeneration), remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
        }
        else
        {
            _restartGeneration++;
            _restartTimer?.Cancel();
        }
    }

    private void OnRestartTick(RestartTick tick)
    {
        if (tick.Generation != _restartGeneration) return;
        // .NET timers count whole milliseconds of a monotonic clock and may fire a fraction of one before the
        // wall-clock due time; Docker never restarts before the backoff is over, so the rest is waited out.
        if (_state.RestartDueAt is { } dueAt && dueAt > Now)
        {
            SyncRestartTimer();
            return;
        }
        Decide(new RestartDue(), null, settle: false);
    }
}
