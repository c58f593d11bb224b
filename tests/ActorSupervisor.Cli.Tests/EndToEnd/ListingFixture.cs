namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// A node with three containers made through <c>asv run</c>: <c>web</c> (running, label tier=front, a passing
/// health check every 100ms), <c>worker</c> (running, tier=back, no health check), <c>done</c> (exited 0). The
/// sleepers outlast the class on a loaded machine (at 60 s, web had ended before the last filter case ran).
/// </summary>
public sealed class ListingFixture : NodeFixture
{
    /// <summary>Each container's short id (as <c>ps -q</c> prints it), by name.</summary>
    public Dictionary<string, string> Ids { get; } = new(StringComparer.Ordinal);

    protected override async Task PrepareAsync()
    {
        await RunAsync("web", "-l", "tier=front", "--health-cmd", "echo probe-ok", "--health-interval", "100ms", "--", "sleep", "3600");
        await RunAsync("worker", "-l", "tier=back", "--", "sleep", "3600");
        await RunAsync("done", "--", "sh", "-c", "exit 0");
    }

    private async Task RunAsync(string name, params string[] args)
    {
        var output = await Asv.OkAsync(Url, ["run", "--name", name, .. args]);
        Ids[name] = output.Trim()[..12];
    }
}
