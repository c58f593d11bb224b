using System.Diagnostics;
using ActorSupervisor.Cli.Output;

namespace ActorSupervisor.Cli.Tests.Packaging;

/// <summary>
/// asv as a .NET tool, as docs/cli.md says to install it: <c>dotnet pack</c> of the CLI's project (the build the tests run on),
/// <c>dotnet tool install</c> from that local folder, then the installed <c>asv</c> itself.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("asv-tool-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task The_packed_tool_installs_from_a_local_folder_and_reports_the_builds_version()
    {
        var project = Path.Combine(RepositoryRoot(), "src", "ActorSupervisor.Cli");
        var packages = Path.Combine(_work, "packages");
        var tools = Path.Combine(_work, "tools");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0

        await RunAsync("dotnet", "pack", project, "-c", configuration, "--no-build", "-o", packages);
        var package = Assert.Single(Directory.GetFiles(packages, "ActorSupervisor.Cli.*.nupkg"));
        await RunAsync("dotnet", "tool", "install", "ActorSupervisor.Cli", "--tool-path", tools, "--add-source", packages, "--ignore-failed-sources");

        var version = await RunAsync(Path.Combine(tools, "asv"), "--version");
        Assert.Equal(ManPage.Version, version.Trim());
        Assert.Contains("+", version); // the build's source revision rides along
        Assert.EndsWith("ActorSupervisor.Cli." + ManPage.Version.Split('+')[0] + ".nupkg", package);
        var man = await RunAsync(Path.Combine(tools, "asv"), "man");
        Assert.StartsWith(".TH ASV 1", man);
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await errors}");
        return await output;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActorSupervisor.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("no ActorSupervisor.sln above " + AppContext.BaseDirectory);
    }
}
