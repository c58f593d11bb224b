namespace ActorSupervisor.Supervision.Persistence;

/// <summary>
/// How hard an SQLite journal (always in WAL mode) pushes each commit to the disk: SQLite's
/// <c>PRAGMA synchronous</c>. PostgreSQL journals have no such setting here; they follow the server's own.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// The default: every commit fsyncs the write-ahead log before it returns, so an acknowledged event survives
    /// a crash of the process, of the operating system and a power loss.
    /// </summary>
    Full,

    /// <summary>
    /// Commits return without an fsync (the log is synced only at checkpoints). An acknowledged event still
    /// survives a crash or SIGKILL of the node process, because the log is in the operating system's page cache,
    /// but the last committed transactions may be lost on an operating-system crash or a power loss.
    /// Trades that durability for latency: roughly one fsync less per state change.
    /// </summary>
    Normal,
}
