namespace ActorSupervisor.Containers.Domain.Restarts;

/// <summary>The restart decision for one exit.</summary>
/// <param name="Verdict">Restart, leave it, or give up.</param>
/// <param name="Attempt">For a restart, which one since the last explicit start (1 for the first).</param>
/// <param name="Delay">For a restart, how long to wait, jitter included.</param>
/// <param name="Backoff">For a restart, the delay before jitter, which the next delay grows from.</param>
/// <param name="Reason">Why, in words an operator reads in <c>inspect</c> and in events.</param>
public readonly record struct RestartDecision(RestartVerdict Verdict, int Attempt, TimeSpan Delay, TimeSpan Backoff, string Reason)
{
    /// <summary>Leave it exited, because of <paramref name="reason"/>.</summary>
    public static RestartDecision DoNotRestart(string reason) => new(RestartVerdict.DoNotRestart, 0, TimeSpan.Zero, TimeSpan.Zero, reason);

    /// <summary>Give up, because of <paramref name="reason"/>.</summary>
    public static RestartDecision GiveUp(string reason) => new(RestartVerdict.GiveUp, 0, TimeSpan.Zero, TimeSpan.Zero, reason);
}
