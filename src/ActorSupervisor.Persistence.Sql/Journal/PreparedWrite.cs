namespace ActorSupervisor.Persistence.Sql.Journal;

/// <summary>One atomic write checked and serialized, waiting for a group commit.</summary>
internal sealed record PreparedWrite(string PersistenceId, string WriterId, IReadOnlyList<SerializedEvent> Events);
