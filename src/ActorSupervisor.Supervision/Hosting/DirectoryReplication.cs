using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Actors;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// Keeps every node's <see cref="ContainerDirectory"/> current: an entity's new state goes into this node's directory
/// at once and to every other node through Akka's distributed pub-sub (topic <see cref="Topic"/>). A state that comes
/// from another node also wakes this node's live event feeds, which then read the new events from the shared journal.
/// </summary>
internal sealed class DirectoryReplication(ContainerDirectory directory, string selfNode, Action written)
{
    /// <summary>The pub-sub topic of container state changes.</summary>
    public const string Topic = "asv-container-states";

    private IActorRef? _mediator;

    public ContainerDirectory Directory => directory;

    /// <summary>Starts sending to the other nodes through <paramref name="mediator"/> (until then only this node's directory is fed).</summary>
    public void Attach(IActorRef mediator) => _mediator = mediator;

    /// <summary>An entity hosted on this node changed (or recovered): its state after event <paramref name="sequenceNr"/>.</summary>
    public void Publish(string id, ContainerState state, long sequenceNr)
    {
        directory.Publish(id, state, sequenceNr, selfNode);
        written();
        _mediator?.Tell(new Publish(Topic, new ContainerStateChanged(id, state, sequenceNr, selfNode)));
    }

    /// <summary>A state from the pub-sub topic (this node's own publications come back too and change nothing).</summary>
    public void Receive(ContainerStateChanged change)
    {
        if (change.Node == selfNode) return;
        directory.Publish(change.ContainerId, change.State, change.SequenceNr, change.Node);
        written();
    }
}
