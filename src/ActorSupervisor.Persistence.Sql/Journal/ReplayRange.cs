namespace ActorSupervisor.Persistence.Sql.Journal;

/// <summary>For a bulk replay: the events of <paramref name="PersistenceId"/> from <paramref name="FromSequenceNr"/> on.</summary>
/// <param name="PersistenceId">Whose events.</param>
/// <param name="FromSequenceNr">The first sequence number to replay, e.g. one past the loaded snapshot.</param>
public sealed record ReplayRange(string PersistenceId, long FromSequenceNr);
