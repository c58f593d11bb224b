using ActorSupervisor.Node.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Node.Tests.Configuration;

/// <summary>The configuration files the repository ships (the demo of ./run.sh, the deploy example) stay valid.</summary>
public sealed class ShippedConfigurationTests : IDisposable
{
    private readonly NodeOptionsReaderTests _reader = new();

    public void Dispose() => _reader.Dispose();

    [Fact]
    public void The_demo_declares_the_four_containers_of_run_sh()
    {
        var options = _reader.Read(RepositoryFiles.File("hocon", "demo.conf"));

        Assert.Equal(["crashy", "hog", "sick", "web"], options.Containers.Select(c => c.Spec.Name));
        Assert.Equal("on-failure:5", options.Containers[0].Spec.Restart.ToString());
        Assert.NotNull(options.Containers[1].Spec.MemoryLimitBytes);
        Assert.All(options.Containers.Where(c => c.Spec.Name is "sick" or "web"), c => Assert.True(c.Spec.HealthCheck!.Enabled));
    }

    [Fact]
    public void The_deploy_example_reads_with_loopback_and_unless_stopped()
    {
        var options = _reader.Read(RepositoryFiles.File("deploy", "node.conf"));

        Assert.True(options.Api.IsLoopback);
        Assert.Equal("unless-stopped", options.DefaultRestart.ToString());
    }

    [Fact]
    public async Task The_systemd_unit_waits_for_ready_and_is_sandboxed()
    {
        var unit = RepositoryFiles.File("deploy", "actor-supervisor.service");
        var lines = await File.ReadAllLinesAsync(unit);

        Assert.Contains("Type=notify", lines);
        Assert.Contains("KillMode=process", lines); // live restore: workloads outlive the node's stop
        Assert.Contains("Delegate=yes", lines);
        // The threshold is the score times ten: 4.5 at most (a unit without a sandbox rates 9.6).
        var analyze = await ProgramRun.RunAsync("systemd-analyze", ["security", "--offline=true", "--threshold=45", "--no-pager", unit], TimeSpan.FromMinutes(1));
        Assert.True(analyze.ExitCode == 0, analyze.Output);
    }

    [Fact]
    public async Task The_unprivileged_unit_runs_as_asv_in_its_delegated_cgroup_verifies_clean_and_is_tightly_sandboxed()
    {
        var unit = RepositoryFiles.File("deploy", "unprivileged", "actor-supervisor.service");
        var lines = await File.ReadAllLinesAsync(unit);

        Assert.Contains("User=asv", lines);
        Assert.Contains("Delegate=yes", lines);
        Assert.Contains("Type=notify", lines);
        Assert.Contains("KillMode=process", lines);
        Assert.Contains("StateDirectory=actor-supervisor", lines);
        Assert.Contains("CapabilityBoundingSet=", lines); // none: a node of one user needs no capability
        Assert.DoesNotContain(lines, l => l.StartsWith("ProtectControlGroups=yes", StringComparison.Ordinal)); // it writes its cgroups
        // Its node.conf puts the workloads' cgroups under this unit's own cgroup, where cgroup-delegate.sh hands them over.
        var options = _reader.Read(RepositoryFiles.File("deploy", "unprivileged", "node.conf"));
        Assert.Equal($"system.slice/{Path.GetFileName(unit)}/workloads", options.Process.CgroupParent);
        Assert.Equal("/var/lib/actor-supervisor", options.DataDirectory);

        // verify checks that the ExecStart program exists: a copy names the repository's wrapper where /opt's would be.
        var directory = Directory.CreateTempSubdirectory("asv-unit-").FullName;
        try
        {
            var copy = Path.Combine(directory, Path.GetFileName(unit));
            await File.WriteAllTextAsync(copy, (await File.ReadAllTextAsync(unit)).Replace("/opt/actor-supervisor/cgroup-delegate.sh",
                RepositoryFiles.File("deploy", "unprivileged", "cgroup-delegate.sh"), StringComparison.Ordinal));
            var verify = await ProgramRun.RunAsync("systemd-analyze", ["verify", "--no-pager", copy], TimeSpan.FromMinutes(1));
            Assert.True(verify.ExitCode == 0 && verify.Stderr.Trim().Length == 0, verify.Output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        // 2.5 at most (a plain unit rates 9.6; the root unit 4.0).
        var analyze = await ProgramRun.RunAsync("systemd-analyze", ["security", "--offline=true", "--threshold=25", "--no-pager", unit], TimeSpan.FromMinutes(1));
        Assert.True(analyze.ExitCode == 0, analyze.Output);
    }
}
