using ActorSupervisor.Actors;
using ActorSupervisor.Containers.Domain.Lifecycle;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Containers.Supervision.Actors;

/// <summary>
/// An exit the restart policy allows is written together with the supervisor's decision: the actor asks the
/// supervisor first (with the state the exit leads to) and persists the <c>die</c> and the <c>restart</c> (or
/// <c>gave_up</c>) events in one atomic write. Both are durable before the workload starts again, and a restart
/// waits for one journal commit instead of two.
/// </summary>
internal sealed partial class ContainerActor
{
    private Decision? _heldExit;

    private void HoldExit(Decision decision)
    {
        _heldExit = decision;
        _callInFlight = true; // everything else waits for the supervisor's answer
        var after = decision.Events.Aggregate(_state, static (state, e) => state.Apply(e));
        Context.Parent.Tell(new ExitReported(_id, after.RestartContext()), Self);
    }

    /// <param name="order">The supervisor's order (schedule a restart, give up), or null when it declined to restart.</param>
    private void PersistHeldExit(ContainerCommand? order)
    {
        var held = _heldExit!;
        _heldExit = null;
        _callInFlight = false;
        var events = held.Events.ToList();
        var effects = held.Effects.Where(e => e is not ContainerEffect.ReportExit).ToList();
        if (order is not null)
        {
            var after = events.Aggregate(_state, static (state, e) => state.Apply(e));
            var decision = ContainerDecider.Decide(after, order, Now);
            if (decision.IsRejected) Log.LogDebug("Container {ContainerId}: {Order} ignored: {Reason}", _id, order.GetType().Name, decision.Rejection);
            events.AddRange(decision.Events);
            effects.AddRange(decision.Effects);
        }
        Persist(events, effects, null, settle: false);
        UnstashAll();
    }
}
