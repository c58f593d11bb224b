using System.Runtime.CompilerServices;
using ActorSupervisor.Containers.Supervision.Serialization;
using ActorSupervisor.Persistence.Sql;
using ActorSupervisor.Persistence.Sql.Query;

namespace ActorSupervisor.Node.Hosting;

/// <summary>The node's journal, opened during start-up; the events feed reads it.</summary>
public sealed class NodeJournal
{
    private SqlPersistence? _persistence;

    /// <summary>The open journal.</summary>
    /// <exception cref="InvalidOperationException">Start-up has not opened it yet (the API gate answers 503 until then).</exception>
    public SqlPersistence Persistence => _persistence ?? throw new InvalidOperationException("the journal is not open yet");

    /// <summary>A description of the store for <c>GET /api/v1/node</c>.</summary>
    public (string Kind, string Location) Description { get; private set; } = ("sqlite", "");

    /// <summary>Every persisted event of the container <paramref name="containerId"/>, oldest first, with its offset.</summary>
    public async IAsyncEnumerable<EventEnvelope> ReadContainerAsync(string containerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int page = 1000;
        var persistenceId = SupervisionEventTypes.ContainerPersistencePrefix + containerId;
        var from = 1L;
        while (true)
        {
            var events = await Persistence.Query.ReadEventsAsync(persistenceId, from, page, cancellationToken);
            foreach (var envelope in events)
            {
                from = envelope.SequenceNr + 1;
                yield return envelope;
            }
            if (events.Count < page)
                yield break;
        }
    }

    /// <summary>Records the journal opened by start-up.</summary>
    public void Opened(SqlPersistence persistence, string kind, string location)
    {
        _persistence = persistence;
        Description = (kind, location);
    }
}
