using System.Text;
using ActorSupervisor.Supervision.Serialization;

namespace ActorSupervisor.Supervision.Persistence;

/// <summary>The HOCON text behind <see cref="StoreSettings.ToConfig"/>.</summary>
internal static class StoreHocon
{
    public static string Render(StoreSettings settings)
    {
        var connection = Quote(settings.ConnectionString);
        var provider = Quote(settings.ProviderName);
        // The class keys are spelled out: without them sharding's remember-entities store never starts and buffers forever.
        // The query plugin's "default" mapping was copied from the journal's when the reference config was parsed,
        // so the table names are repeated there rather than inherited.
        return $$"""
            akka.persistence {
              journal {
                plugin = "{{StoreSettings.JournalPluginId}}"
                auto-start-journals = ["{{StoreSettings.JournalPluginId}}"]
                sql {
                  class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                  plugin-dispatcher = "akka.persistence.dispatchers.default-plugin-dispatcher"
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  table-mapping = default
                  auto-initialize = true
                  delete-compatibility-mode = false
                  tag-write-mode = TagTable
                  {{JournalTuning(settings.Kind)}}
                  {{BreakerTuning}}
                  default = {{JournalMapping()}}
                }
              }
              snapshot-store {
                plugin = "{{StoreSettings.SnapshotPluginId}}"
                auto-start-snapshot-stores = ["{{StoreSettings.SnapshotPluginId}}"]
                sql {
                  class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                  plugin-dispatcher = "akka.persistence.dispatchers.default-plugin-dispatcher"
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  table-mapping = default
                  auto-initialize = true
                  {{ReadTuning(settings.Kind)}}
                  {{BreakerTuning}}
                  default {
                    schema-name = null
                    snapshot.table-name = "{{StoreTables.Snapshot}}"
                  }
                }
              }
              query.journal.sql {
                class = "Akka.Persistence.Sql.Query.SqlReadJournalProvider, Akka.Persistence.Sql"
                write-plugin = "{{StoreSettings.JournalPluginId}}"
                connection-string = {{connection}}
                provider-name = {{provider}}
                table-mapping = default
                tag-read-mode = TagTable
                {{ReadTuning(settings.Kind)}}
                default = {{JournalMapping()}}
              }
            }
            """;
    }

    // The write queue takes what the journal is asked to write and, while writes run, gathers what arrives into the
    // next one (one transaction, multi-row INSERTs of at most 100,000 characters each: linq2db splits them). Bigger
    // batches only form under load, so they raise the ceiling without costing a lone write anything: batch-size
    // 1000 rows (the plugin's 100 made a burst of 1,000 containers' first writes 150 transactions of ~6 containers
    // each, which took longer than the journal's 10 s call timeout on a loaded host). buffer-size is how many writes
    // may wait in the queue before new ones are refused; a node waking 100,000 containers may ask for that many at
    // once (the plugin's 5,000 would fail the rest). parallelism: SQLite has one writer, so the plugin's 3 concurrent
    // write transactions only took turns (SqliteStoreConnection) and split what arrived into three smaller batches;
    // one transaction at a time gathers all of it into the next batch: 14.7k events/s with 100 writers against
    // 8.8-10.3k with 3, and half the persist latency (./bench.sh journal, journal.sqlite_parallelism3.* beside
    // journal.sqlite.*). PostgreSQL keeps the plugin's 3: there the two settings were within this machine's noise
    // (cold runs, 100 writers: 6.2k and 6.2k events/s with 3, 7.5k and 5.3k with 1; journal.pg_parallelism1.*).
    private static string JournalTuning(StoreKind kind) =>
        "batch-size = 1000\nbuffer-size = 100000\n" + (kind == StoreKind.Sqlite ? "parallelism = 1\n" : "") + ReadTuning(kind);

    // Akka.Persistence opens a plugin's circuit breaker after 10 failed calls (the journal) or 5 (snapshots) and keeps it
    // open for 30 s (60 s for snapshots) before it tries one call again: after a database restart of a few seconds every
    // write and recovery was refused for half a minute more. 2 s lets the first call through soon after the store is
    // back; while it is down, one failed call per 2 s is all the breaker lets through.
    private const string BreakerTuning = "circuit-breaker.reset-timeout = 2s";

    // The plugin reads (recovery, highest sequence number, snapshots, the read journal) in a transaction of
    // read-isolation-level. Microsoft.Data.Sqlite begins every transaction but a read-uncommitted one with
    // BEGIN IMMEDIATE, which takes the database's write lock: each recovery's reads would queue behind every write
    // and each other. read-uncommitted makes it a plain (deferred) BEGIN; without a shared cache SQLite ignores the
    // level itself, and in WAL mode a reader sees the last committed state, so nothing uncommitted is ever read.
    // PostgreSQL keeps its default (read committed).
    private static string ReadTuning(StoreKind kind) => kind == StoreKind.Sqlite ? "read-isolation-level = read-uncommitted" : "";

    private static string JournalMapping() => $$"""
        {
                    schema-name = null
                    journal.table-name = "{{StoreTables.Journal}}"
                    metadata.table-name = "{{StoreTables.JournalMetadata}}"
                    tag.table-name = "{{StoreTables.Tags}}"
                  }
        """;

    private static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ => text.Append(c),
            };
        }
        return text.Append('"').ToString();
    }
}
