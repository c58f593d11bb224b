using System.Diagnostics;
using System.Globalization;
using System.Net;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;
using Xunit.Abstractions;

namespace ActorSupervisor.Node.Tests.EndToEnd;

/// <summary>Issue 14: the SQLite store failing (disk full) or deleted under a running node.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class StoreFaultEndToEndTests(ITestOutputHelper output)
{
    private const int Loopers = 4;

    [Fact]
    public async Task Store_writes_failing_for_a_while_open_no_more_handles_to_the_store()
    {
        string? mounted = null;
        await using var node = await NodeProcess.StartAsync("actor-supervisor.node.restart.backoff { initial = 10ms, max = 50ms }", prepareDataDirectory: data =>
        {
            Directory.CreateDirectory(data);
            Run("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", data);
            mounted = data;
        });
        try
        {
            for (var i = 0; i < Loopers; i++)
                await node.Client.CreateContainerAsync(new RawContainerSpec { Name = $"loop{i}", Cmd = "sleep 0.05; exit 1", Restart = "always" }, start: true);
            var filler = Path.Combine(node.DataDirectory, "filler");
            // Fill the file system: from now on every write of the store fails (SQLITE_FULL), and the loopers keep writing.
            Run("dd", "if=/dev/zero", $"of={filler}", "bs=64k", "status=none");
            var first = await FailuresAsync(node, 10);
            var early = StoreHandles(node.Pid);

            await FailuresAsync(node, first + 100);
            var late = StoreHandles(node.Pid);

            output.WriteLine($"store handles: {early} after {first} failed writes, {late} after {first + 100} or more");
            Assert.True(late <= early + 2, $"handles to the store grew from {early} (after {first} failed writes) to {late} (100 failures later)");
            File.Delete(filler);
            await Eventually.TrueAsync(() => node.Client.IsReadyAsync(), "the node is ready once the store takes writes again", TimeSpan.FromSeconds(30));
            foreach (var container in await node.Client.ListContainersAsync(all: true))
                await node.Client.RemoveContainerAsync(container.Id, force: true);
            Assert.True(StoreHandles(node.Pid) <= early + 2);
        }
        finally
        {
            await node.StopAsync();
            if (mounted is not null)
                Run("umount", mounted);
        }
    }

    [Fact]
    public async Task A_store_file_deleted_under_the_node_makes_it_unready_and_refuse_commands_with_a_clear_log_line()
    {
        await using var node = await NodeProcess.StartAsync();
        var sleeper = await node.Client.CreateContainerAsync(new RawContainerSpec { Name = "sleeper", Command = ["sleep", "300"] }, start: true);
        var store = Path.Combine(node.DataDirectory, "store.db");

        File.Delete(store);

        await Eventually.TrueAsync(async () => !await node.Client.IsReadyAsync(), "/readyz fails", TimeSpan.FromSeconds(15));
        var refused = await Assert.ThrowsAsync<ApiException>(() => node.Client.CreateContainerAsync(new RawContainerSpec { Name = "late", Command = ["sleep", "1"] }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("store.db was deleted", refused.Message, StringComparison.Ordinal);
        Assert.Contains("store file", node.Output, StringComparison.Ordinal);
        Assert.Contains("was deleted or replaced under the running node", node.Output, StringComparison.Ordinal);
        // Reads still work, and the workload still runs under the node's watch.
        var seen = await node.Client.InspectContainerAsync(sleeper.Id);
        Assert.Equal((ContainerStates.Running, sleeper.Pid), (seen.State, seen.Pid));
        Assert.Contains("asv_ready 0", await node.Client.GetMetricsTextAsync(), StringComparison.Ordinal);

        // rm is refused too now: the test ends the node and its workload itself.
        await node.KillAsync();
        Process.GetProcessById(sleeper.Pid!.Value).Kill();
    }

    /// <summary>Waits until the node counted at least <paramref name="atLeast"/> failed store writes; returns the count.</summary>
    private static Task<long> FailuresAsync(NodeProcess node, long atLeast) =>
        Eventually.ValueAsync(async () => Metric(await node.Client.GetMetricsTextAsync(), "asv_journal_failures_total"), n => n >= atLeast,
            $"{atLeast} failed store writes", TimeSpan.FromSeconds(120));

    private static long Metric(string text, string name) =>
        text.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => (long)double.Parse(l[(name.Length + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();

    /// <summary>How many of the node's descriptors are open on the store (store.db and its -wal, -shm, -journal files).</summary>
    private static int StoreHandles(int pid) =>
        new DirectoryInfo($"/proc/{pid}/fd").EnumerateFileSystemInfos()
            .Count(fd => fd.LinkTarget is { } target && target.Contains("/store.db", StringComparison.Ordinal));

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        // dd ends with "No space left on device": that is the point.
        if (process.ExitCode != 0 && program != "dd")
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
    }
}
