using ActorSupervisor.Containers.Domain.Lifecycle;
using Akka.Actor;
using Akka.Persistence;

namespace ActorSupervisor.Persistence.Tests;

/// <summary>The smallest container-like persistent actor: persists what it is told and reports what it recovered.</summary>
internal sealed class TestWriter : ReceivePersistentActor
{
    private readonly List<ContainerEvent> _recovered = [];
    private ContainerState? _snapshot;
    private long _snapshotSequenceNr;

    public TestWriter(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<ContainerEvent>(e => _recovered.Add(e));
        Recover<SnapshotOffer>(offer =>
        {
            _snapshot = (ContainerState)offer.Snapshot;
            _snapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Command<Write>(write =>
        {
            var replyTo = Sender;
            var left = write.Events.Count;
            PersistAll(write.Events, _ =>
            {
                if (--left == 0) replyTo.Tell(new Written(LastSequenceNr));
            });
        });
        Command<TakeSnapshot>(take =>
        {
            _replyToSnapshot = Sender;
            SaveSnapshot(take.State);
        });
        Command<SaveSnapshotSuccess>(success => _replyToSnapshot?.Tell(success.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(failure => _replyToSnapshot?.Tell(new Status.Failure(failure.Cause)));
        Command<GetRecovered>(_ => Sender.Tell(new Recovered([.. _recovered], _snapshot, _snapshotSequenceNr)));
    }

    private IActorRef? _replyToSnapshot;

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new TestWriter(persistenceId));

    public sealed record Write(IReadOnlyList<ContainerEvent> Events);

    public sealed record Written(long LastSequenceNr);

    public sealed record TakeSnapshot(ContainerState State);

    public sealed record GetRecovered;

    public sealed record Recovered(IReadOnlyList<ContainerEvent> Events, ContainerState? Snapshot, long SnapshotSequenceNr);
}
