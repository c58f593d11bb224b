using Npgsql;

namespace ActorSupervisor.Tests.Shared;

/// <summary>The configuration of one member of a test cluster on the PostgreSQL server the test command started.</summary>
public static class ClusterNodeConfig
{
    /// <summary>The server's connection string (<c>ASV_TEST_PG</c>); each cluster test creates its own database on it.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("ASV_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("ASV_TEST_PG is not set: start a server with 'tests/services/postgres.sh start STATE' and export the line it prints.");

    /// <summary>
    /// Member <paramref name="n"/> of the cluster <paramref name="group"/> (unique among the tests that may run at the
    /// same time), on remoting <paramref name="port"/>, joining through <paramref name="seeds"/> (HOCON list items).
    /// </summary>
    public static string For(string group, int n, int port, string connection, string seeds) => $$"""
        actor-supervisor.node {
          id = node-{{n}}
          store.kind = postgres
          store.connection-string = "{{connection}}"
          default-runtime = process
          # Its own cgroup parent: a leased node kills every workload under its parent that it does not host.
          runtimes.process.cgroup-parent = "asv-{{group}}-node-{{n}}"
          cluster { port = {{port}}, seeds = [{{seeds}}] }
        }
        """;

    /// <summary>A database of its own on the server for one test's cluster (a name unique to it, beginning with <paramref name="prefix"/>).</summary>
    public static (string ConnectionString, string Database) CreateDatabase(string prefix)
    {
        var database = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 63)];
        Execute($"CREATE DATABASE {database}");
        return (new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString, database);
    }

    /// <summary>Drops a test's database, whoever is still connected to it.</summary>
    public static void DropDatabase(string database)
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    private static void Execute(string sql)
    {
        using var admin = new NpgsqlConnection(ServerConnectionString);
        admin.Open();
        using var command = new NpgsqlCommand(sql, admin);
        command.ExecuteNonQuery();
    }
}
