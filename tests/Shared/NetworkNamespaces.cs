using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace ActorSupervisor.Tests.Shared;

/// <summary>
/// A private network of this machine for a test: a hub namespace holding a bridge, one network namespace per node with
/// a veth to that bridge (address 10.213.X.(10+n)/24), and a veth from the root namespace (10.213.X.1) so the test
/// reaches every node's API. The bridge lives in its own namespace so that the root namespace's firewall (Docker's
/// FORWARD DROP, bridge netfilter) never sees the nodes' traffic. A node is cut off by taking its bridge port down.
/// </summary>
/// <remarks>
/// Names carry the creating process's id and a random tag, and the subnet X is held by a lock file, so that tests of
/// several test hosts (other checkouts on this machine) run at once. Disposing kills whatever still runs in the
/// namespaces and deletes them (the veths go with them); a later creation sweeps the namespaces of test hosts that died
/// before disposing theirs. Needs root and iproute2's <c>ip</c> (tests/services/netns.sh installs it).
/// </remarks>
public sealed class NetworkNamespaces : IAsyncDisposable
{
    /// <summary>The prefix of every namespace these tests create: asvnet-PID-TAG-hub and asvnet-PID-TAG-nN.</summary>
    private const string Prefix = "asvnet-";
    private const string LockDirectory = "/run/asv-test-netns";
    private static readonly SemaphoreSlim Creating = new(1, 1);

    private readonly string _name;
    private readonly int _subnet;
    private readonly FileStream _subnetLock;
    private readonly int _count;

    private NetworkNamespaces(string name, int subnet, FileStream subnetLock, int count)
    {
        _name = name;
        _subnet = subnet;
        _subnetLock = subnetLock;
        _count = count;
    }

    /// <summary>The root namespace's end of the network (what a node sees the test's requests come from).</summary>
    public string RootAddress => $"10.213.{_subnet}.1";

    /// <summary>Node <paramref name="n"/>'s address (1-based) inside its namespace.</summary>
    public string Address(int n) => $"10.213.{_subnet}.{10 + n}";

    /// <summary>Node <paramref name="n"/>'s namespace name (for <c>ip netns exec</c>).</summary>
    public string Namespace(int n) => $"{_name}-n{n}";

    /// <summary>
    /// The command prefix that runs a program in node <paramref name="n"/>'s network namespace and nothing else: nsenter
    /// switches the network namespace only (<c>ip netns exec</c> would also remount /sys, hiding the cgroup mounts).
    /// </summary>
    public IReadOnlyList<string> Launcher(int n) => ["nsenter", $"--net=/run/netns/{Namespace(n)}", "--"];

    private string Hub => $"{_name}-hub";

    private string RootVeth => "asv" + _name[^8..];

    /// <summary>Creates the hub, its bridge and <paramref name="count"/> node namespaces; fails saying why when this machine cannot.</summary>
    public static async Task<NetworkNamespaces> CreateAsync(int count)
    {
        await Creating.WaitAsync();
        try
        {
            await SweepDeadAsync();
            var (subnet, subnetLock) = await ClaimSubnetAsync();
            var network = new NetworkNamespaces($"{Prefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}", subnet, subnetLock, count);
            try
            {
                await network.BuildAsync();
            }
            catch
            {
                await network.DisposeAsync();
                throw;
            }
            return network;
        }
        finally
        {
            Creating.Release();
        }
    }

    private async Task BuildAsync()
    {
        try
        {
            await IpAsync("netns", "add", Hub);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"this machine cannot create network namespaces (the partition test needs root and CAP_SYS_ADMIN): {e.Message}", e);
        }
        await IpAsync("-n", Hub, "link", "set", "lo", "up");
        await IpAsync("-n", Hub, "link", "add", "br0", "type", "bridge");
        await IpAsync("-n", Hub, "link", "set", "br0", "up");
        await IpAsync("link", "add", RootVeth, "type", "veth", "peer", "name", "up0", "netns", Hub);
        await IpAsync("-n", Hub, "link", "set", "up0", "master", "br0", "up");
        await IpAsync("addr", "add", $"{RootAddress}/24", "dev", RootVeth);
        await IpAsync("link", "set", RootVeth, "up");
        for (var n = 1; n <= _count; n++)
        {
            await IpAsync("netns", "add", Namespace(n));
            await IpAsync("-n", Namespace(n), "link", "set", "lo", "up");
            await IpAsync("-n", Hub, "link", "add", $"n{n}", "type", "veth", "peer", "name", "eth0", "netns", Namespace(n));
            await IpAsync("-n", Hub, "link", "set", $"n{n}", "master", "br0", "up");
            await IpAsync("-n", Namespace(n), "addr", "add", $"{Address(n)}/24", "dev", "eth0");
            await IpAsync("-n", Namespace(n), "link", "set", "eth0", "up");
        }
    }

    /// <summary>Cuts node <paramref name="n"/> off from the others and from the test: its bridge port goes down.</summary>
    public Task CutAsync(int n) => IpAsync("-n", Hub, "link", "set", $"n{n}", "down");

    /// <summary>Heals the cut of node <paramref name="n"/>: its bridge port comes up again.</summary>
    public Task HealAsync(int n) => IpAsync("-n", Hub, "link", "set", $"n{n}", "up");

    /// <summary>Heals every cut (so that the nodes can be stopped through their APIs).</summary>
    public async Task HealAllAsync()
    {
        for (var n = 1; n <= _count; n++) await HealAsync(n);
    }

    /// <summary>Kills what still runs in the namespaces, deletes them (their veths go with them) and frees the subnet.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var n = 1; n <= _count; n++) await DeleteAsync(Namespace(n));
        await DeleteAsync(Hub);
        await TryIpAsync("link", "del", RootVeth); // gone with the hub already, unless the hub was never made
        await _subnetLock.DisposeAsync();
    }

    /// <summary>Kills every process left in namespace <paramref name="name"/> (a node the test could not stop) and deletes it.</summary>
    private static async Task DeleteAsync(string name)
    {
        var (ok, pids) = await TryIpAsync("netns", "pids", name);
        if (ok)
        {
            foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                try
                {
                    using var process = Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture));
                    process.Kill();
                    await process.WaitForExitAsync();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception)
                {
                    // ended meanwhile
                }
            }
        }
        await TryIpAsync("netns", "del", name);
    }

    /// <summary>Deletes the namespaces of test hosts that are gone (killed before they could dispose theirs).</summary>
    private static async Task SweepDeadAsync()
    {
        var (ok, list) = await TryIpAsync("netns", "list");
        if (!ok) return;
        foreach (var line in list.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (!name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var owner = name[Prefix.Length..].Split('-')[0];
            if (int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}"))
                await DeleteAsync(name);
        }
    }

    /// <summary>A /24 under 10.213/16 that no interface of the root namespace uses and no other live test holds (its lock file).</summary>
    private static async Task<(int Subnet, FileStream Lock)> ClaimSubnetAsync()
    {
        var (_, addresses) = await TryIpAsync("-4", "-o", "addr", "show");
        Directory.CreateDirectory(LockDirectory);
        foreach (var subnet in Enumerable.Range(1, 254).OrderBy(_ => Random.Shared.Next()))
        {
            if (addresses.Contains($" 10.213.{subnet}.", StringComparison.Ordinal)) continue;
            try
            {
                // FileShare.None is a flock on Linux: held while this test runs, released when its process dies.
                return (subnet, new FileStream(Path.Combine(LockDirectory, $"10.213.{subnet}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                // another test holds it
            }
        }
        throw new InvalidOperationException("no free /24 under 10.213.0.0/16 for a test network");
    }

    private static async Task IpAsync(params string[] args)
    {
        var (ok, output) = await TryIpAsync(args);
        if (!ok) throw new InvalidOperationException($"'ip {string.Join(' ', args)}' failed: {output.Trim()}");
    }

    /// <summary>Runs <c>ip ARGS</c>; whether it succeeded, and its stdout (or stderr when it failed).</summary>
    private static async Task<(bool Ok, string Output)> TryIpAsync(params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"iproute2's 'ip' cannot be run ({e.Message}): 'bash tests/services/netns.sh start STATE' installs it", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? (true, await output) : (false, await error);
        }
    }
}
