using ActorSupervisor.Actors.Internal;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Actors;

/// <summary>
/// How a parent handles its children's failures: a decider maps the exception to a <see cref="Directive"/>,
/// and a restart budget (at most <see cref="MaxNrOfRetries"/> restarts within <see cref="WithinTimeRange"/>)
/// turns a restart over budget into a stop. Subclasses differ only in which children a decision touches.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>Creates a strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed per child within the window; negative means no limit, 0 means never restart.</param>
    /// <param name="withinTimeRange">The window the budget counts in; <see cref="Timeout.InfiniteTimeSpan"/> counts over the child's life.</param>
    /// <param name="decider">Maps a child's exception to a directive.</param>
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (withinTimeRange <= TimeSpan.Zero && withinTimeRange != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), withinTimeRange, "the restart window must be positive or infinite");
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Restarts allowed per child within <see cref="WithinTimeRange"/>; negative means no limit.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window over which restarts are counted.</summary>
    public TimeSpan WithinTimeRange { get; }

    /// <summary>Maps a child's exception to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>
    /// Akka's default decider: stop on <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/>
    /// and <see cref="DeathPactException"/>, restart on anything else.
    /// </summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>The strategy every actor uses unless it overrides it: one-for-one, <see cref="DefaultDecider"/>, no restart limit.</summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any failing child.</summary>
    public static SupervisorStrategy Stopping { get; } = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Applies a restart or stop decision to the failed child and, for all-for-one, to its siblings.</summary>
    internal abstract void ProcessFailure(ActorCell supervisor, bool restart, ActorCell failedChild, Exception cause);

    /// <summary>Decides and acts; returns false when the failure is to be escalated.</summary>
    internal bool HandleFailure(ActorCell supervisor, ActorCell child, Exception cause)
    {
        var directive = Decider(cause);
        LogFailure(supervisor, child, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                child.ResumeAfterFailure();
                return true;
            case Directive.Restart:
                ProcessFailure(supervisor, restart: true, child, cause);
                return true;
            case Directive.Stop:
                ProcessFailure(supervisor, restart: false, child, cause);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Counts one restart of <paramref name="child"/> against the budget; false when over it.</summary>
    internal bool RequestRestartPermission(ActorCell child, DateTimeOffset now)
    {
        if (MaxNrOfRetries == 0) return false;
        if (MaxNrOfRetries < 0 && WithinTimeRange == Timeout.InfiniteTimeSpan) return true;
        return child.CountRestart(now, WithinTimeRange, MaxNrOfRetries < 0 ? int.MaxValue : MaxNrOfRetries);
    }

    private static void LogFailure(ActorCell supervisor, ActorCell child, Exception cause, Directive directive)
    {
        var level = directive == Directive.Resume ? LogLevel.Warning : LogLevel.Error;
        supervisor.System.Log.Log(level, cause, "{Child} failed; supervisor {Supervisor} decided {Directive}",
            child.Path, supervisor.Path, directive);
    }
}
