namespace ActorSupervisor.Actors;

/// <summary>
/// An actor's timers, keyed: starting a timer with a key in use replaces the old one, and a message of a
/// cancelled or replaced timer is never delivered, even if it was already in the mailbox. All timers are
/// cancelled when the actor stops or restarts. Time comes from the system's <see cref="TimeProvider"/>.
/// Timer messages arrive with no sender.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> to the actor once, after <paramref name="delay"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Sends <paramref name="message"/> every <paramref name="interval"/>, first after one interval.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>Whether a timer with <paramref name="key"/> is running (a single timer stops being active once delivered).</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with <paramref name="key"/>, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer of the actor.</summary>
    void CancelAll();

    /// <summary>The keys of the running timers.</summary>
    IReadOnlyCollection<object> ActiveTimers { get; }
}
