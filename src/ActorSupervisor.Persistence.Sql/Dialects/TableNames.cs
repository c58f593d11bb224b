namespace ActorSupervisor.Persistence.Sql.Dialects;

/// <summary>The names of one journal's tables, its notification channel and its lock, all from the table prefix.</summary>
internal sealed record TableNames(string Prefix)
{
    public string Journal => Prefix + "journal";
    public string Snapshot => Prefix + "snapshot";
    public string SchemaVersion => Prefix + "schema_version";
    public string NotifyChannel => Prefix + "journal_events";

    /// <summary>A stable 64-bit key (FNV-1a of the prefix) for PostgreSQL's advisory lock: one lock per journal.</summary>
    public long LockKey
    {
        get
        {
            var hash = 14695981039346656037UL;
            foreach (var c in "ActorSupervisor.journal:" + Prefix)
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }
            return unchecked((long)hash);
        }
    }
}
