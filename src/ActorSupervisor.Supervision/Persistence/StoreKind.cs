namespace ActorSupervisor.Supervision.Persistence;

/// <summary>Which database holds the journal and the snapshots.</summary>
public enum StoreKind
{
    /// <summary>An SQLite file on the node (the embedded default, <c>&lt;data-dir&gt;/store.db</c>), always in WAL mode.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, shared by the nodes of a cluster.</summary>
    PostgreSql,
}
