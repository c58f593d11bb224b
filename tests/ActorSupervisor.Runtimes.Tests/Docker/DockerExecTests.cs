using System.Text;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Docker;
using ActorSupervisor.Runtimes.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Runtimes.Tests.Docker;

/// <summary><c>exec</c> in the Docker runtime against a real engine: the same scenarios as the process runtime's.</summary>
public sealed class DockerExecTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly string _node = "exec-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _containers = [];
    private DockerRuntime _runtime = null!;

    public Task InitializeAsync()
    {
        _runtime = new DockerRuntime(new DockerRuntimeOptions { SocketPath = DockerEngine.Socket, NodeId = _node });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        await DockerEngine.RemoveContainersAsync(_containers);
    }

    private async Task<WorkloadHandle> StartSleeperAsync(string name)
    {
        var id = $"{name}-{_node}";
        _containers.Add(id);
        return await _runtime.StartAsync(id, new ContainerSpec
        {
            Name = name, Runtime = RuntimeKind.Docker, Image = DockerEngine.Image, Command = CommandLine.Exec("sleep", "60"),
            WorkingDirectory = "/tmp", Env = new Dictionary<string, string> { ["GREETING"] = "hello there" },
        });
    }

    [Fact]
    public async Task Exec_runs_in_the_container_s_directory_and_environment_and_returns_its_exit_code()
    {
        var handle = await StartSleeperAsync("ctx");

        await using var session = await _runtime.ExecAsync(handle, new ExecRequest(["sh", "-c", "pwd; echo \"$GREETING\"; echo oops >&2; exit 3"]));
        var transcript = await ExecTranscript.ReadAsync(session, Within);

        Assert.Equal(new ExecTranscript("/tmp\nhello there\n", "oops\n", 3), transcript);
        await _runtime.KillAsync(handle, "KILL");
    }

    [Fact]
    public async Task Exec_with_stdin_reads_what_it_is_fed_until_the_input_closes()
    {
        var handle = await StartSleeperAsync("stdin");

        await using var session = await _runtime.ExecAsync(handle, new ExecRequest(["sh", "-c", "tr a-z A-Z; echo done"], AttachStdin: true));
        await session.WriteInputAsync(Encoding.UTF8.GetBytes("first line\n"));
        await session.WriteInputAsync(Encoding.UTF8.GetBytes("second\n"));
        await session.CloseInputAsync();
        var transcript = await ExecTranscript.ReadAsync(session, Within);

        Assert.Equal(new ExecTranscript("FIRST LINE\nSECOND\ndone\n", "", 0), transcript);
        await _runtime.KillAsync(handle, "KILL");
    }

    [Fact]
    public async Task Exec_with_a_tty_sees_a_terminal()
    {
        var handle = await StartSleeperAsync("tty");

        await using var session = await _runtime.ExecAsync(handle, new ExecRequest(["sh", "-c", "test -t 1 && echo terminal"], Tty: true));
        var transcript = await ExecTranscript.ReadAsync(session, Within);

        Assert.Equal(new ExecTranscript("terminal\r\n", "", 0), transcript);
        await _runtime.KillAsync(handle, "KILL");
    }

    [Fact]
    public async Task A_missing_program_exits_126_as_the_engine_records_a_failed_exec()
    {
        var handle = await StartSleeperAsync("missing");

        await using var session = await _runtime.ExecAsync(handle, new ExecRequest(["no-such-program-here"]));
        var transcript = await ExecTranscript.ReadAsync(session, Within);

        Assert.True(transcript.ExitCode == 126, $"{transcript}");
        Assert.Contains("no-such-program-here", transcript.Stdout + transcript.Stderr, StringComparison.Ordinal);
        await _runtime.KillAsync(handle, "KILL");
    }
}
