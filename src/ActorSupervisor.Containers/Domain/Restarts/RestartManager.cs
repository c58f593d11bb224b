using ActorSupervisor.Values;

namespace ActorSupervisor.Containers.Domain.Restarts;

/// <summary>
/// The restart decision, in moby's shape (<c>restartmanager.ShouldRestart</c>): one pure function of the
/// policy, the exit and the history. The supervisor calls <see cref="Decide"/> when a container's workload
/// exits and owns the waiting; the container only records what was decided.
/// </summary>
public static class RestartManager
{
    /// <summary>
    /// Whether the restart policy alone allows a restart (Docker's switch): a cancelled restart never;
    /// <c>always</c> yes; <c>unless-stopped</c> unless manually stopped; <c>on-failure</c> after a non-zero
    /// (or unknown) exit while fewer than N restarts happened; <c>no</c> never.
    /// </summary>
    public static (bool Allowed, string Reason) PolicyAllows(RestartContext context)
    {
        var policy = context.Policy;
        if (context.RestartCanceled)
            return (false, "restart cancelled by an operator's stop, restart or removal");
        switch (policy.Kind)
        {
            case RestartPolicyKind.Always:
                return (true, "restart policy always");
            case RestartPolicyKind.UnlessStopped:
                return context.ManuallyStopped
                    ? (false, "restart policy unless-stopped: stopped by an operator")
                    : (true, "restart policy unless-stopped");
            case RestartPolicyKind.OnFailure when context.ExitCode == 0:
                return (false, $"restart policy {policy}: exited with code 0");
            case RestartPolicyKind.OnFailure when policy.MaximumRetryCount > 0 && context.RestartCount >= policy.MaximumRetryCount:
                return (false, $"restart policy {policy}: maximum retry count {policy.MaximumRetryCount} reached");
            case RestartPolicyKind.OnFailure:
                var code = context.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
                return (true, $"restart policy {policy}: exited with code {code}");
            default:
                return (false, "restart policy no");
        }
    }

    /// <summary>
    /// Decides what follows an exit at <paramref name="now"/>: the policy first, then the intensity limit,
    /// then the backoff (with jitter from <paramref name="random"/> when the backoff asks for it).
    /// </summary>
    public static RestartDecision Decide(RestartContext context, DateTimeOffset now, Random random)
    {
        var (allowed, reason) = PolicyAllows(context);
        if (!allowed)
            return RestartDecision.DoNotRestart(reason);
        if (context.Intensity is { } intensity && intensity.WouldExceed(context.RecentRestarts, now))
            return RestartDecision.GiveUp(intensity.Describe());

        var backoff = context.Backoff.Next(context.PreviousBackoff, context.RunDuration);
        var delay = context.Backoff.WithJitter(backoff, random);
        return new RestartDecision(RestartVerdict.Restart, context.RestartCount + 1, delay, backoff, reason);
    }
}
