namespace ActorSupervisor.Node.Tests.Support;

/// <summary>Files and folders the repository ships (deploy/, hocon/), found above the test's output directory.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository's file at <paramref name="parts"/>.</summary>
    public static string File(params string[] parts) => Find(System.IO.File.Exists, parts);

    /// <summary>The repository's folder at <paramref name="parts"/>.</summary>
    public static string Folder(params string[] parts) => Find(Directory.Exists, parts);

    private static string Find(Func<string, bool> exists, string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine([directory.FullName, .. parts]);
            if (exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"{Path.Combine(parts)} not found above {AppContext.BaseDirectory}");
    }
}
