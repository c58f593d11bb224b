using System.Runtime.CompilerServices;
using ActorSupervisor.Node.Api.Mapping;
using ActorSupervisor.Node.Hosting;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Persistence;
using ApiEvent = ActorSupervisor.Client.Contracts.ContainerEvent;
using DomainEvent = ActorSupervisor.Containers.Domain.Lifecycle.ContainerEvent;

namespace ActorSupervisor.Node.Api.Streaming;

/// <summary>
/// The journal's container events as the API tells them (type, attributes, why): one narration for the HTTP event
/// stream and the gateway's subscribers.
/// </summary>
internal static class NarratedEvents
{
    /// <summary>The events of <paramref name="source"/> (a journal feed), narrated; rows that are not container events are skipped.</summary>
    public static async IAsyncEnumerable<ApiEvent> ReadAsync(IAsyncEnumerable<StoredEvent> source, IContainerService containers, NodeJournal journal,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var narrator = new EventNarrator();
        await foreach (var envelope in source.WithCancellation(cancellationToken))
        {
            if (ContainerPersistenceIds.ContainerIdOf(envelope.PersistenceId) is not { } id || envelope.Event is not DomainEvent domainEvent)
                continue;
            var name = narrator.NameOf(id) ?? await SeedAsync(narrator, containers, journal, id, envelope, cancellationToken);
            if (narrator.Narrate(id, name, envelope.SequenceNr, envelope.Offset, domainEvent) is { } apiEvent)
                yield return apiEvent;
        }
    }

    /// <summary>
    /// Introduces a container first met after its creation by replaying its earlier events, so the sentences
    /// (policy, attempt, last exit) are the ones its history tells; named as it is now, or by its short id once removed.
    /// </summary>
    private static async Task<string> SeedAsync(EventNarrator narrator, IContainerService containers, NodeJournal journal, string id,
        StoredEvent first, CancellationToken cancellationToken)
    {
        if (first.Event is DomainEvent.Created created)
            return created.Spec.Name;
        var current = await FindAsync(containers, id, cancellationToken);
        var name = current?.Name ?? (id.Length > 12 ? id[..12] : id);
        await foreach (var earlier in journal.ReadContainerAsync(id, cancellationToken))
        {
            if (earlier.SequenceNr >= first.SequenceNr)
                break;
            if (earlier.Event is DomainEvent e)
                narrator.Narrate(id, name, earlier.SequenceNr, earlier.Offset, e);
        }
        if (narrator.NameOf(id) is not { } known)
        {
            narrator.Seed(id, name, current?.State.Spec);
            return name;
        }
        return known;
    }

    private static async Task<ContainerSnapshot?> FindAsync(IContainerService containers, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await containers.InspectAsync(id, cancellationToken);
        }
        catch (ContainerNotFoundException)
        {
            return null;
        }
    }
}
