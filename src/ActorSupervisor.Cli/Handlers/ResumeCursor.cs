namespace ActorSupervisor.Cli.Handlers;

/// <summary>
/// Where a followed line stream (<c>logs -f</c>, <c>node logs -f</c>) stopped, so that after a reconnect it resumes
/// from the time of the last line printed and skips the lines of that instant it already printed: nothing twice,
/// nothing lost. The node's "since" includes lines at that very time, hence the count.
/// </summary>
internal sealed class ResumeCursor
{
    private int _printedAtLast;
    private int _skip;

    /// <summary>The time of the last line printed, or null before the first.</summary>
    public DateTimeOffset? Last { get; private set; }

    /// <summary>A new attempt begins: the lines of <see cref="Last"/>'s instant it replays are skipped once each.</summary>
    public void Resuming() => _skip = _printedAtLast;

    /// <summary>Whether a line of <paramref name="time"/> was printed before the stream broke (consumes one skip).</summary>
    public bool AlreadyPrinted(DateTimeOffset time) => Last is { } seen && (time < seen || (time == seen && _skip-- > 0));

    /// <summary>A line of <paramref name="time"/> was printed.</summary>
    public void Printed(DateTimeOffset time)
    {
        if (time == Last) _printedAtLast++;
        else (Last, _printedAtLast) = (time, 1);
    }
}
