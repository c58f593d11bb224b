using ActorSupervisor.Values;

namespace ActorSupervisor.Containers.Domain.Restarts;

/// <summary>
/// A container's restart policy with Docker's meaning: <c>no</c>, <c>always</c>, <c>unless-stopped</c>,
/// <c>on-failure[:N]</c> (N = 0: no limit).
/// </summary>
/// <param name="Kind">The policy.</param>
/// <param name="MaximumRetryCount">For <c>on-failure</c>, how many restarts in a row are allowed; 0 means no limit.</param>
public sealed record RestartPolicy(RestartPolicyKind Kind, int MaximumRetryCount = 0)
{
    /// <summary><c>no</c>, the default.</summary>
    public static readonly RestartPolicy No = new(RestartPolicyKind.No);

    /// <summary><c>always</c>.</summary>
    public static readonly RestartPolicy Always = new(RestartPolicyKind.Always);

    /// <summary><c>unless-stopped</c>.</summary>
    public static readonly RestartPolicy UnlessStopped = new(RestartPolicyKind.UnlessStopped);

    /// <summary><c>on-failure:N</c>; 0 means no limit.</summary>
    public static RestartPolicy OnFailure(int maximumRetryCount = 0) => new(RestartPolicyKind.OnFailure, maximumRetryCount);

    /// <summary>
    /// Reads a policy as <c>docker run --restart</c> does (see <see cref="RestartPolicyText"/>); on failure
    /// <paramref name="error"/> says why.
    /// </summary>
    public static bool TryParse(string? text, out RestartPolicy policy, out string error)
    {
        var valid = RestartPolicyText.TryParse(text, out var kind, out var count, out error);
        policy = valid ? new RestartPolicy(kind, count) : No;
        return valid;
    }

    /// <summary>What is wrong with this policy (a negative count, a count on another policy), or null when nothing.</summary>
    public string? Validate() =>
        MaximumRetryCount < 0 ? "maximum retry count cannot be negative"
        : MaximumRetryCount > 0 && Kind != RestartPolicyKind.OnFailure ? $"a maximum retry count can only be used with on-failure, not {this}"
        : null;

    /// <summary>
    /// Whether a container that is not running comes back when its node starts (Docker's restore rule, as seen
    /// on a real engine): only containers started before; <c>always</c> even after a manual stop,
    /// <c>unless-stopped</c> only if not manually stopped, <c>on-failure</c> when its last exit was non-zero (or
    /// unknown), not after a manual stop, with retries left (a node shutdown that stopped it counts as a
    /// failure); <c>no</c> never.
    /// </summary>
    /// <param name="manuallyStopped">An operator stopped or killed it since its last start.</param>
    /// <param name="hasBeenStartedBefore">It was started at least once.</param>
    /// <param name="lastExitCode">How its last run ended; null when unknown.</param>
    /// <param name="restartCount">Policy restarts since the last explicit start.</param>
    public bool ShouldRestartOnNodeStart(bool manuallyStopped, bool hasBeenStartedBefore, int? lastExitCode = 0, int restartCount = 0) =>
        hasBeenStartedBefore && Kind switch
        {
            RestartPolicyKind.Always => true,
            RestartPolicyKind.UnlessStopped => !manuallyStopped,
            RestartPolicyKind.OnFailure => !manuallyStopped && lastExitCode is not 0
                && (MaximumRetryCount == 0 || restartCount < MaximumRetryCount),
            _ => false,
        };

    /// <summary>As a user types it: <c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure</c>, <c>on-failure:5</c>.</summary>
    public override string ToString() => RestartPolicyText.Format(Kind, MaximumRetryCount);
}
