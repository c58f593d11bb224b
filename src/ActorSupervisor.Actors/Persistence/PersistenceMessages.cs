namespace ActorSupervisor.Actors.Persistence;

/// <summary>Given to <c>ReceiveRecover</c> first when recovery starts from a snapshot.</summary>
/// <param name="Metadata">Whose snapshot, at which sequence number.</param>
/// <param name="Snapshot">The state that was saved.</param>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Given to <c>ReceiveRecover</c> last: every event is replayed, commands come next.</summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted()
    {
    }

    /// <summary>The one instance.</summary>
    public static RecoveryCompleted Instance { get; } = new();
}

/// <summary>Sent to the persistent actor when <c>SaveSnapshot</c> succeeded.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Sent to the persistent actor when <c>SaveSnapshot</c> failed; the actor goes on.</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Sent to the persistent actor when <c>DeleteMessagesTo</c> succeeded.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Sent to the persistent actor when <c>DeleteMessagesTo</c> failed; the actor goes on.</summary>
public sealed record DeleteMessagesFailure(long ToSequenceNr, Exception Cause);

/// <summary>Sent to the persistent actor when <c>DeleteSnapshots</c> succeeded.</summary>
public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria);

/// <summary>Sent to the persistent actor when <c>DeleteSnapshots</c> failed; the actor goes on.</summary>
public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);
