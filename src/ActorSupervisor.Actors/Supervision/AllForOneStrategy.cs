using ActorSupervisor.Actors.Internal;

namespace ActorSupervisor.Actors;

/// <summary>
/// A supervisor strategy whose decisions apply to all children: when one fails and is restarted or
/// stopped, so are its siblings. For children that only make sense together.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>A strategy with a restart budget: see <see cref="SupervisorStrategy(int, TimeSpan, Func{Exception, Directive})"/>.</summary>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    /// <summary>A strategy without a restart limit.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider) : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override void ProcessFailure(ActorCell supervisor, bool restart, ActorCell failedChild, Exception cause)
    {
        var children = supervisor.LiveChildren();
        var now = supervisor.System.Time.GetUtcNow();
        if (restart && children.All(c => RequestRestartPermission(c, now)))
        {
            foreach (var child in children)
            {
                // Siblings were running: pause them first so none handles a message between the decision and its restart.
                if (child != failedChild) child.SuspendForSiblingRestart();
                child.Restart(cause);
            }
        }
        else
        {
            foreach (var child in children) supervisor.StopChild(child);
        }
    }
}
