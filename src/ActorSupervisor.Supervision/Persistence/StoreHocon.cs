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
                default = {{JournalMapping()}}
              }
            }
            """;
    }

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
