using ActorSupervisor.Node.Tests.Support;

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
}
