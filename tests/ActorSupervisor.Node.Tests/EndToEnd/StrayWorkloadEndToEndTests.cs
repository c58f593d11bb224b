using System.Globalization;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;
using Microsoft.Data.Sqlite;

namespace ActorSupervisor.Node.Tests.EndToEnd;

/// <summary>
/// Issue 14: a node killed with SIGKILL in the middle of a burst of starts. Workloads whose start was never stored
/// (spawned, then the node died before the write) must not run on unknown to the node: recovery kills them. Nor may
/// the workloads of a store that was lost: a node started over a new store kills what runs under its cgroup parent.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StrayWorkloadEndToEndTests
{
    private const int Burst = 8;

    [Fact]
    public async Task A_node_killed_while_starts_wait_for_the_store_leaves_no_workload_running_unknown_to_it()
    {
        await using var node = await NodeProcess.StartAsync();
        var parent = node.CgroupParent;
        var ids = new List<string>();
        for (var i = 0; i < Burst; i++)
            ids.Add((await node.Client.CreateContainerAsync(new RawContainerSpec { Name = $"burst-{i}", Command = ["sleep", "300"] })).Id);

        // The store takes no write for now: every start spawns its workload, then waits to record it. That is the
        // window in which the node dies; held open, the test does not depend on where in a burst SIGKILL lands.
        await using (var writer = new SqliteConnection($"Data Source={Path.Combine(node.DataDirectory, "store.db")};Pooling=False"))
        {
            await writer.OpenAsync();
            await using (var hold = writer.CreateCommand())
            {
                hold.CommandText = "BEGIN IMMEDIATE";
                await hold.ExecuteNonQueryAsync();
            }
            using var api = new ActorSupervisorClient(node.Url, node.Token);
            var starts = ids.Select(id => Task.Run(async () =>
            {
                try
                {
                    await api.StartContainerAsync(id);
                }
                catch (Exception e) when (e is NodeUnreachableException or HttpRequestException or IOException or ApiException or TaskCanceledException)
                {
                    // The node died under the request: the start was never acknowledged.
                }
            })).ToArray();
            await Eventually.TrueAsync(() => CgroupPids(parent).Count == Burst, "every start spawned its workload", TimeSpan.FromSeconds(60));
            await node.KillAsync();
            await Task.WhenAll(starts);
        }
        var strays = CgroupPids(parent);
        Assert.Equal(Burst, strays.Count);

        await node.StartAgainAsync();

        foreach (var id in ids)
            Assert.Equal(ContainerStates.Created, (await node.Client.InspectContainerAsync(id)).State);
        Assert.Empty(CgroupPids(parent));
        Assert.All(strays.Values.SelectMany(p => p), pid => Assert.False(Alive(pid), $"pid {pid} runs unknown to the node"));
        Assert.Contains("whose start was never recorded", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_started_over_a_lost_store_kills_the_workloads_it_no_longer_knows()
    {
        await using var node = await NodeProcess.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = (await node.Client.CreateContainerAsync(new RawContainerSpec { Name = $"lost-{i}", Command = ["sleep", "300"] })).Id;
            await node.Client.StartContainerAsync(id);
            ids.Add(id);
        }
        // The shim joins its cgroup just after the spawn that the start acknowledges.
        await Eventually.TrueAsync(() => CgroupPids(node.CgroupParent).Count == ids.Count, "every workload is in its cgroup", TimeSpan.FromSeconds(30));
        var before = CgroupPids(node.CgroupParent);
        Assert.Equal(ids.Order(StringComparer.Ordinal), before.Keys.Order(StringComparer.Ordinal));

        await node.KillAsync();
        foreach (var file in Directory.GetFiles(node.DataDirectory, "store.db*"))
            File.Delete(file);
        await node.StartAgainAsync();

        Assert.Empty(await node.Client.ListContainersAsync(all: true));
        Assert.Empty(CgroupPids(node.CgroupParent));
        Assert.All(before.Values.SelectMany(p => p), pid => Assert.False(Alive(pid), $"pid {pid} of the lost store still runs"));
        Assert.Contains("the store does not know it", node.Output, StringComparison.Ordinal);
    }

    /// <summary>The pids in each container cgroup under <paramref name="parent"/> (the memory hierarchy, else the unified one).</summary>
    private static Dictionary<string, int[]> CgroupPids(string parent)
    {
        var root = NodeProcess.CgroupMounts.Select(m => Path.Combine(m, parent)).FirstOrDefault(Directory.Exists);
        if (root is null)
            return [];
        var pids = new Dictionary<string, int[]>();
        foreach (var cgroup in Directory.GetDirectories(root))
        {
            try
            {
                var procs = File.ReadAllLines(Path.Combine(cgroup, "cgroup.procs")).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
                if (procs.Length > 0)
                    pids[Path.GetFileName(cgroup)] = procs;
            }
            catch (IOException)
            {
                // Removed meanwhile.
            }
        }
        return pids;
    }

    private static bool Alive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
}
