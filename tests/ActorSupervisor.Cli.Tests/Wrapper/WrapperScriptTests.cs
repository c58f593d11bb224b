using System.Diagnostics;

namespace ActorSupervisor.Cli.Tests.Wrapper;

/// <summary>
/// Issue 15: the repository's <c>./asv</c> says when it builds, and rebuilds when any project the CLI
/// references changed. Run in a copy of the script over a made-up tree with a fake <c>dotnet</c> on PATH.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WrapperScriptTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("asv-wrapper-").FullName;

    public WrapperScriptTests()
    {
        File.Copy(Path.Combine(RepositoryRoot(), "asv"), Path.Combine(root, "asv"));
        Write("src/ActorSupervisor.Cli/ActorSupervisor.Cli.csproj", """<Project><ItemGroup><ProjectReference Include="../ActorSupervisor.Client/ActorSupervisor.Client.csproj" /></ItemGroup></Project>""");
        Write("src/ActorSupervisor.Client/ActorSupervisor.Client.csproj", """<Project><ItemGroup><ProjectReference Include="..\ActorSupervisor.Values\ActorSupervisor.Values.csproj" /></ItemGroup></Project>""");
        Write("src/ActorSupervisor.Values/ActorSupervisor.Values.csproj", "<Project />");
        Write("src/ActorSupervisor.Values/Specs/Spec.cs", "// v1");
        Write("src/ActorSupervisor.Node/Node.cs", "// not referenced by the CLI");
        // A fake dotnet: "build" makes the dll, anything else says it ran.
        Write("bin/dotnet", """
            #!/usr/bin/env bash
            if [[ "$1" == build ]]; then
              mkdir -p "$2/bin/Release/net10.0" && touch "$2/bin/Release/net10.0/asv.dll" && echo build >> "$(dirname "$0")/calls"
            else
              echo "ran ${*:2}"
            fi
            """);
        File.SetUnixFileMode(Path.Combine(root, "bin/dotnet"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(root, "asv"), (UnixFileMode)0b111_101_101);
    }

    [Fact]
    public async Task The_first_use_says_it_builds_then_runs()
    {
        var (output, error) = await RunAsync("ps");
        Assert.Equal("building asv (first use)…\n", error);
        Assert.Equal("ran ps\n", output);
        Assert.Equal(1, Builds());
    }

    [Fact]
    public async Task A_change_in_a_project_referenced_through_another_rebuilds_and_others_do_not()
    {
        await RunAsync("ps");
        Age("src/ActorSupervisor.Cli/bin/Release/net10.0/asv.dll");

        Assert.Equal("", (await RunAsync("ps")).Error);
        Assert.Equal(1, Builds());

        Write("src/ActorSupervisor.Node/Node.cs", "// v2: the CLI does not reference the node");
        Assert.Equal("", (await RunAsync("ps")).Error);
        Assert.Equal(1, Builds());

        Write("src/ActorSupervisor.Values/Specs/Spec.cs", "// v2");
        Assert.Equal("building asv (sources changed)…\n", (await RunAsync("ps")).Error);
        Assert.Equal(2, Builds());
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private int Builds() => File.Exists(Path.Combine(root, "bin/calls")) ? File.ReadAllLines(Path.Combine(root, "bin/calls")).Length : 0;

    // Older than anything written afterwards, whatever the file system's time resolution.
    private void Age(string path)
    {
        var old = DateTime.UtcNow.AddMinutes(-10);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, old.AddMinutes(-1));
        File.SetLastWriteTimeUtc(Path.Combine(root, path), old);
    }

    private void Write(string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n") + "\n");
    }

    private async Task<(string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(root, "asv"), args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PATH"] = $"{Path.Combine(root, "bin")}:{Environment.GetEnvironmentVariable("PATH")}" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (await output, error);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorSupervisor.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("no ActorSupervisor.sln above " + AppContext.BaseDirectory);
    }
}
