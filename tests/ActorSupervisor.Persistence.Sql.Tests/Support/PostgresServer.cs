namespace ActorSupervisor.Persistence.Sql.Tests.Support;

/// <summary>The PostgreSQL the tests use: tests/services/postgres.sh starts it and exports ASV_TEST_PG.</summary>
internal static class PostgresServer
{
    public const string Variable = "ASV_TEST_PG";

    /// <summary>The connection string; fails the test (never skips it) when the server was not started.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: start a server with 'tests/services/postgres.sh start STATE' and export the line it prints.");

    /// <summary>A table prefix no other test uses, so tests share one database without seeing each other.</summary>
    public static string FreshPrefix() => $"t{Guid.NewGuid():N}"[..13] + "_";
}
