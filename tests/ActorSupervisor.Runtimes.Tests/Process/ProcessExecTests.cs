using System.Globalization;
using System.Text;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Runtimes.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Runtimes.Tests.Process;

/// <summary><c>exec</c> in the process runtime: real commands beside real workloads, in their cgroup, user, directory and environment.</summary>
public sealed class ProcessExecTests : ProcessRuntimeFixture
{
    private readonly List<WorkloadHandle> _started = [];

    public override async Task DisposeAsync()
    {
        // Each test's workload ends here, reaped by the runtime, so that its cgroup can be removed.
        foreach (var handle in _started)
        {
            try
            {
                await Runtime.KillAsync(handle, "SIGKILL");
            }
            catch (RuntimeOperationException)
            {
                // The test ended it already.
            }
            await Signals.WaitForAsync<WorkloadExited>(handle.ContainerId);
        }
        await base.DisposeAsync();
    }

    private async Task<WorkloadHandle> StartSleeperAsync(string id, Func<ContainerSpec, ContainerSpec>? adjust = null)
    {
        var spec = new ContainerSpec { Name = id, Command = CommandLine.Exec("sleep", "60") };
        var handle = await Runtime.StartAsync(id, adjust is null ? spec : adjust(spec));
        _started.Add(handle);
        return handle;
    }

    [Fact]
    public async Task Exec_runs_in_the_workload_s_directory_environment_user_and_cgroup_and_returns_its_exit_code()
    {
        var handle = await StartSleeperAsync("ctx", s => s with
        {
            WorkingDirectory = Scratch.Directory,
            Env = new Dictionary<string, string> { ["GREETING"] = "hello there" },
            User = "nobody",
        });

        await using var session = await Runtime.ExecAsync(handle, new ExecRequest(["sh", "-c", "pwd; echo \"$GREETING\"; id -u; cat /proc/self/cgroup; echo oops >&2; exit 3"]));
        var transcript = await ExecTranscript.ReadAsync(session, Within);

        var lines = transcript.Stdout.Split('\n');
        Assert.Equal(Scratch.Directory, lines[0]);
        Assert.Equal("hello there", lines[1]);
        Assert.Equal("65534", lines[2]);
        var workloadCgroups = File.ReadAllText($"/proc/{handle.WorkloadId}/cgroup").Trim();
        Assert.Equal(workloadCgroups, string.Join('\n', lines.Skip(3)).Trim());
        Assert.Equal("oops\n", transcript.Stderr);
        Assert.Equal(3, transcript.ExitCode);
    }

    [Fact]
    public async Task Exec_with_stdin_reads_what_it_is_fed_until_the_input_closes()
    {
        var handle = await StartSleeperAsync("stdin");

        await using var session = await Runtime.ExecAsync(handle, new ExecRequest(["sh", "-c", "tr a-z A-Z; echo done"], AttachStdin: true));
        await session.WriteInputAsync(Encoding.UTF8.GetBytes("first line\n"));
        await session.WriteInputAsync(Encoding.UTF8.GetBytes("second\n"));
        await session.CloseInputAsync();
        var transcript = await ExecTranscript.ReadAsync(session, Within);

        Assert.Equal("FIRST LINE\nSECOND\ndone\n", transcript.Stdout);
        Assert.Equal(0, transcript.ExitCode);
    }

    [Fact]
    public async Task Exec_without_stdin_reads_end_of_file_at_once()
    {
        var handle = await StartSleeperAsync("nostdin");

        await using var session = await Runtime.ExecAsync(handle, new ExecRequest(["sh", "-c", "cat; echo after"]));

        Assert.Equal(new ExecTranscript("after\n", "", 0), await ExecTranscript.ReadAsync(session, Within));
    }

    [Fact]
    public async Task A_missing_program_is_refused_with_126_and_docker_s_message()
    {
        var handle = await StartSleeperAsync("missing");

        var failure = await Assert.ThrowsAsync<RuntimeOperationException>(() => Runtime.ExecAsync(handle, new ExecRequest(["no-such-program-here"])));

        // The engine records every exec that cannot start as 126 (a run's missing program is 127).
        Assert.Equal(126, failure.ExitCode);
        Assert.Equal("container missing: exec: \"no-such-program-here\": executable file not found in $PATH", failure.Message);
    }

    [Fact]
    public async Task Exec_is_refused_in_a_paused_workload_and_a_stopped_one()
    {
        var handle = await StartSleeperAsync("paused");
        await Runtime.PauseAsync(handle);

        var paused = await Assert.ThrowsAsync<RuntimeOperationException>(() => Runtime.ExecAsync(handle, new ExecRequest(["true"])));
        Assert.Contains("paused", paused.Message, StringComparison.Ordinal);

        await Runtime.UnpauseAsync(handle);
        await Runtime.KillAsync(handle, "SIGKILL");
        await Signals.WaitForAsync<WorkloadExited>("paused");
        await Assert.ThrowsAsync<RuntimeOperationException>(() => Runtime.ExecAsync(handle, new ExecRequest(["true"])));
    }

    [Fact]
    public async Task Leaving_a_running_exec_kills_it_and_what_it_started()
    {
        var handle = await StartSleeperAsync("leave");
        var session = await Runtime.ExecAsync(handle, new ExecRequest(["sh", "-c", "sleep 60 & echo $!; wait"]));
        var first = await session.Output.ReadAsync();
        var child = int.Parse(Encoding.UTF8.GetString(first.Data.Span).Trim(), CultureInfo.InvariantCulture);

        await session.DisposeAsync();

        await Eventually.TrueAsync(() => !File.Exists($"/proc/{child}/stat") || File.ReadAllText($"/proc/{child}/stat").Contains(") Z ", StringComparison.Ordinal),
            "the exec's child is killed", Within);
        Assert.Empty(Signals.For("leave").OfType<WorkloadExited>());
    }

    [Fact]
    public async Task A_slow_reader_gets_all_the_output_of_an_exec_that_has_exited()
    {
        var handle = await StartSleeperAsync("slow");

        await using var session = await Runtime.ExecAsync(handle, new ExecRequest(["sh", "-c", "seq 1 200000"]));
        await session.Exited.WaitAsync(TimeSpan.FromMilliseconds(100)).ContinueWith(_ => { }, TaskScheduler.Default);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // longer than the runtime's patience with a silent pipe: a full channel is not silence
        var transcript = await ExecTranscript.ReadAsync(session, Within);

        Assert.Equal(200000, transcript.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(0, transcript.ExitCode);
    }
}
