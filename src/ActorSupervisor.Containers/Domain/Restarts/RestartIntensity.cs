using ActorSupervisor.Values;

namespace ActorSupervisor.Containers.Domain.Restarts;

/// <summary>
/// OTP's restart intensity (an option): more than <see cref="MaxRestarts"/> restarts within
/// <see cref="Window"/> and the supervisor gives up on the container (as systemd's StartLimitBurst and
/// Nomad's attempts/interval with mode fail).
/// </summary>
/// <param name="MaxRestarts">How many restarts the window allows.</param>
/// <param name="Window">The sliding window.</param>
public sealed record RestartIntensity(int MaxRestarts, TimeSpan Window)
{
    /// <summary>Whether one more restart at <paramref name="now"/> would make more than allowed within the window.</summary>
    public bool WouldExceed(IEnumerable<DateTimeOffset> recentRestarts, DateTimeOffset now) =>
        recentRestarts.Count(at => InWindow(at, now)) + 1 > MaxRestarts;

    /// <summary>Whether a restart at <paramref name="at"/> still counts at <paramref name="now"/>.</summary>
    public bool InWindow(DateTimeOffset at, DateTimeOffset now) => now - at < Window;

    /// <summary>Why the supervisor gave up, for the <c>gave_up</c> event.</summary>
    public string Describe() => $"more than {MaxRestarts} restarts within {GoDuration.Format(Window)}";
}
