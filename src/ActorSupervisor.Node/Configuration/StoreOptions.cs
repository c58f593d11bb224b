using ActorSupervisor.Supervision.Persistence;

namespace ActorSupervisor.Node.Configuration;

/// <summary>Where the journal lives (<c>actor-supervisor.node.store</c>).</summary>
public sealed record StoreOptions
{
    /// <summary><c>sqlite</c> (a file in the data directory) or <c>postgres</c>.</summary>
    public string Kind { get; init; } = "sqlite";

    /// <summary>The ADO.NET connection string; empty with SQLite means <c>store.db</c> in the data directory (a <c>journal.db</c> of the previous release there is imported on first start).</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>
    /// SQLite's <c>synchronous</c> (<c>store.sqlite.synchronous</c>): <c>full</c> fsyncs every commit;
    /// <c>normal</c> survives a node crash but may lose the last commits on a power loss. Always full with PostgreSQL.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; init; } = SqliteSynchronous.Full;
}
