namespace ActorSupervisor.Actors.Internal;

/// <summary>Timers and the receive timeout, both on the system's <see cref="TimeProvider"/>.</summary>
internal sealed partial class ActorCell
{
    public ITimerScheduler Timers
    {
        get
        {
            var extras = Extras;
            return extras.Timers ??= new TimerScheduler(this, _system.Time);
        }
    }

    public TimeSpan? ReceiveTimeout => _extras?.ReceiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } span && span <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "a receive timeout must be positive, or null to turn it off");
        var extras = Extras;
        extras.ReceiveTimeout = timeout;
        if (timeout is null)
        {
            extras.ReceiveTimeoutGeneration++;
            extras.ReceiveTimeoutTimer?.Dispose();
            extras.ReceiveTimeoutTimer = null;
        }
        else
        {
            RestartReceiveTimeout(extras);
        }
    }

    /// <summary>Re-arms the receive timeout after a message; a tick already in the mailbox becomes stale.</summary>
    private void RestartReceiveTimeout(CellExtras extras)
    {
        var tick = new ReceiveTimeoutFired(this, ++extras.ReceiveTimeoutGeneration);
        extras.ReceiveTimeoutTimer?.Dispose();
        extras.ReceiveTimeoutTimer = _system.Time.CreateTimer(
            static state => ((ReceiveTimeoutFired)state!).Owner.Tell(state!, null),
            tick, extras.ReceiveTimeout!.Value, Timeout.InfiniteTimeSpan);
    }

    private void CancelTimersAndReceiveTimeout()
    {
        if (_extras is not { } extras) return;
        extras.Timers?.CancelAll();
        extras.ReceiveTimeout = null;
        extras.ReceiveTimeoutGeneration++;
        extras.ReceiveTimeoutTimer?.Dispose();
        extras.ReceiveTimeoutTimer = null;
    }
}
