namespace ActorSupervisor.Persistence.Sql;

/// <summary>Which database the journal and snapshot store live in.</summary>
public enum SqlProvider
{
    /// <summary>An embedded SQLite file: the default for a single node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for clusters, where every node shares one journal.</summary>
    PostgreSql,
}
