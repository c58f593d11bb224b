using ActorSupervisor.Persistence.Sql.Tests.Crash;

namespace ActorSupervisor.Persistence.Sql.Tests;

/// <summary>
/// The test assembly's own entry point: <c>dotnet ActorSupervisor.Persistence.Sql.Tests.dll crash-writer ...</c>
/// runs the writer the crash test kills. Test runners never call it.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => args switch
    {
        ["crash-writer", var provider, var connectionString, var prefix, var synchronous] =>
            CrashWriter.RunAsync(new SqlPersistenceOptions
            {
                Provider = Enum.Parse<SqlProvider>(provider),
                ConnectionString = connectionString,
                TablePrefix = prefix,
                SqliteSynchronous = Enum.Parse<SqliteSynchronous>(synchronous),
            }),
        _ => Usage(),
    };

    private static Task<int> Usage()
    {
        Console.Error.WriteLine("usage: crash-writer Sqlite|PostgreSql CONNECTION_STRING TABLE_PREFIX Full|Normal");
        return Task.FromResult(2);
    }
}
