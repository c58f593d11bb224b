using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Hosting;
using ActorSupervisor.Supervision.Hosting;
using DomainEvent = ActorSupervisor.Containers.Domain.Lifecycle.ContainerEvent;

namespace ActorSupervisor.Node.Api;

/// <summary>
/// A container's past, read from its events: its state at an instant (inspect's <c>at</c>) and the events of a time
/// window (history's <c>since</c>/<c>until</c>). The journal keeps every event, so both reach across node restarts.
/// </summary>
internal static class ContainerPast
{
    /// <summary>
    /// <paramref name="now"/>'s container as it was at <paramref name="at"/>: the domain's own fold over the events
    /// recorded up to that instant, the same one its actor recovers with.
    /// </summary>
    /// <exception cref="ApiProblemException">404: the container was created after <paramref name="at"/>.</exception>
    public static async Task<ContainerSnapshot> AtAsync(ContainerSnapshot now, DateTimeOffset at, NodeJournal journal, CancellationToken cancellationToken)
    {
        var events = new List<DomainEvent>();
        await foreach (var stored in journal.ReadContainerAsync(now.Id, cancellationToken))
        {
            if (stored.Event is not DomainEvent e) continue;
            // The journal's order is the container's: once past the instant, nothing later belongs to it.
            if (e.At > at) break;
            events.Add(e);
        }
        return events.Count == 0
            ? throw ApiProblemException.NotFound($"container {now.Name} did not exist at {at:yyyy-MM-dd'T'HH:mm:ss.fffK}: it was created later")
            : now with { State = ContainerState.Replay(events) };
    }

    /// <summary>Whether <paramref name="e"/> falls in the window (both ends included, either open).</summary>
    public static bool Within(DomainEvent e, DateTimeOffset? since, DateTimeOffset? until) =>
        (since is null || e.At >= since) && (until is null || e.At <= until);
}
