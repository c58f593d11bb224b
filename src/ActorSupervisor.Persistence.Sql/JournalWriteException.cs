namespace ActorSupervisor.Persistence.Sql;

/// <summary>
/// A group commit failed as a whole: the database could not be reached, or the connection was lost while
/// committing. Every write of the call is to be treated as failed; when <see cref="OutcomeUnknown"/> is true
/// the events may nevertheless be durable, so the writer must stop and recover rather than write again.
/// </summary>
public sealed class JournalWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalWriteException(string message, bool outcomeUnknown, Exception inner) : base(message, inner) =>
        OutcomeUnknown = outcomeUnknown;

    /// <summary>Whether the commit was sent and its result never arrived.</summary>
    public bool OutcomeUnknown { get; }
}
