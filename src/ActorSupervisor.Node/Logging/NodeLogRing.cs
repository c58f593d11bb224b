using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Node.Logging;

/// <summary>
/// The node's recent log lines in memory (pbm's <c>log peek</c>): a bounded ring, the oldest overwritten first, fed by
/// <see cref="NodeLogRingProvider"/> from everything the node logs (its services and, through Akka.Hosting's logger,
/// Akka.NET). Readers take the lines after a sequence number and wait for the next write.
/// </summary>
internal sealed class NodeLogRing
{
    /// <summary>Lines kept: enough for the story of a start-up or an incident, a few hundred KiB at most.</summary>
    public const int DefaultCapacity = 2000;

    private readonly NodeLogEntry?[] _entries;
    private readonly Lock _gate = new();
    private long _next;
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A ring of <paramref name="capacity"/> lines.</summary>
    public NodeLogRing(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new NodeLogEntry?[capacity];
    }

    /// <summary>How many lines it keeps.</summary>
    public int Capacity => _entries.Length;

    /// <summary>Keeps one line, overwriting the oldest when full, and wakes the readers waiting.</summary>
    public void Append(DateTimeOffset time, int level, string category, string message, string? exception)
    {
        TaskCompletionSource written;
        lock (_gate)
        {
            _entries[_next % _entries.Length] = new NodeLogEntry(_next, time, NodeLogLevels.All[level], category, message, exception);
            _next++;
            written = _written;
            _written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        written.TrySetResult();
    }

    /// <summary>
    /// The kept lines numbered above <paramref name="afterSeq"/> (-1: all kept), oldest first, and a task that completes
    /// on the next write after them (so a follower that finds nothing new misses nothing while it waits).
    /// </summary>
    public (IReadOnlyList<NodeLogEntry> Entries, Task NextWrite) Read(long afterSeq)
    {
        lock (_gate)
        {
            var first = Math.Max(afterSeq + 1, Math.Max(0, _next - _entries.Length));
            var entries = new List<NodeLogEntry>((int)Math.Max(0, _next - first));
            for (var seq = first; seq < _next; seq++)
                entries.Add(_entries[seq % _entries.Length]!);
            return (entries, _written.Task);
        }
    }
}
