using ActorSupervisor.Containers.Runtimes.Process;

namespace ActorSupervisor.Runtimes.Tests.Process;

/// <summary>
/// The record a workload's keeper writes (its pid at the start, its exit code at the end) is read only whole and only
/// for the workload it names: a line still being written, or the record of another workload, tells nothing.
/// </summary>
public sealed class ExitRecordTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("asv-exit-record-").FullName;

    [Theory]
    [InlineData("4242\n7\n", 7)]
    [InlineData("4242\n0\n", 0)]
    [InlineData("4242\n137\n", 137)]
    [InlineData("4242\n", null)]          // still running, or its keeper was killed with it
    [InlineData("4242\n13", null)]        // the code's line not yet whole
    [InlineData("4243\n7\n", null)]       // another workload's
    [InlineData("", null)]
    public void The_code_is_read_only_whole_and_only_for_the_workload_named(string content, int? code)
    {
        var record = ExitRecord.In(_directory);
        record.Prepare();
        File.WriteAllText(record.Path, content);

        Assert.Equal(code, record.Read(4242)?.Code);
    }

    [Fact]
    public async Task The_workload_pid_is_taken_only_once_its_line_is_whole()
    {
        var record = ExitRecord.In(_directory);
        record.Prepare();
        File.WriteAllText(record.Path, "42");
        var keeper = new TaskCompletionSource();
        var pid = record.WorkloadPidAsync(keeper.Task);
        await Task.Delay(50);
        Assert.False(pid.IsCompleted);

        File.WriteAllText(record.Path, "4242\n");
        Assert.Equal(4242, await pid.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_keeper_that_ends_before_it_forks_leaves_no_pid()
    {
        var record = ExitRecord.In(_directory);
        record.Prepare();

        Assert.Null(await record.WorkloadPidAsync(Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
