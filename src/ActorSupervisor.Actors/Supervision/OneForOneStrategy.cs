using ActorSupervisor.Actors.Internal;

namespace ActorSupervisor.Actors;

/// <summary>A supervisor strategy whose decisions touch only the child that failed (Akka's default).</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>A strategy with a restart budget: see <see cref="SupervisorStrategy(int, TimeSpan, Func{Exception, Directive})"/>.</summary>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    /// <summary>A strategy without a restart limit.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider) : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override void ProcessFailure(ActorCell supervisor, bool restart, ActorCell failedChild, Exception cause)
    {
        if (restart && RequestRestartPermission(failedChild, supervisor.System.Time.GetUtcNow()))
            failedChild.Restart(cause);
        else
            supervisor.StopChild(failedChild);
    }
}
