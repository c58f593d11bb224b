namespace ActorSupervisor.Cli.Tests.Support;

/// <summary>A temporary directory for spec files, deleted with the test.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("asv-cli-tests-").FullName;

    public string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string name) => Path.Combine(directory, name);

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
