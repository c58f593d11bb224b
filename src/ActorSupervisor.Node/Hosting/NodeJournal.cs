using ActorSupervisor.Supervision.Persistence;

namespace ActorSupervisor.Node.Hosting;

/// <summary>The node's store as start-up opened it; the history and events endpoints read it.</summary>
public sealed class NodeJournal
{
    private ContainerEventLog? _events;

    /// <summary>The store's read side.</summary>
    /// <exception cref="InvalidOperationException">Start-up has not opened it yet (the API gate answers 503 until then).</exception>
    public ContainerEventLog Events => _events ?? throw new InvalidOperationException("the store is not open yet");

    /// <summary>A description of the store for <c>GET /api/v1/node</c>.</summary>
    public (string Kind, string Location) Description { get; private set; } = ("sqlite", "");

    /// <summary>Every persisted event of the container <paramref name="containerId"/>, oldest first, with its offset.</summary>
    public IAsyncEnumerable<StoredEvent> ReadContainerAsync(string containerId, CancellationToken cancellationToken) =>
        Events.ReadContainerAsync(containerId, cancellationToken);

    /// <summary>Records the store opened by start-up.</summary>
    public void Opened(ContainerEventLog events, string kind, string location)
    {
        _events = events;
        Description = (kind, location);
    }
}
