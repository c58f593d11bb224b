namespace ActorSupervisor.Supervision.Persistence;

/// <summary>
/// The tables Akka.Persistence.Sql creates and uses. Prefixed so they live beside the old journal's
/// <c>journal</c>, <c>snapshot</c> and <c>schema_version</c> in the same database until the importer has run.
/// </summary>
public static class StoreTables
{
    /// <summary>The event journal (Akka.Persistence.Sql's default column names).</summary>
    public const string Journal = "asv_event_journal";

    /// <summary>The tag table (tag-write-mode = TagTable).</summary>
    public const string Tags = "asv_event_tags";

    /// <summary>The journal metadata table; Akka.Persistence.Sql uses it only in delete-compatibility mode, which is off.</summary>
    public const string JournalMetadata = "asv_journal_metadata";

    /// <summary>The snapshot store.</summary>
    public const string Snapshot = "asv_snapshot";
}
