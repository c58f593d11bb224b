using ActorSupervisor.Containers.Domain;

namespace ActorSupervisor.Containers.Tests;

public class CommandLineTests
{
    [Fact]
    public void Shell_form_runs_through_bin_sh()
    {
        Assert.Equal(["/bin/sh", "-c", "echo hi | cat"], CommandLine.Shell("echo hi | cat").ToArgv());
    }

    [Fact]
    public void Exec_form_runs_the_program_directly()
    {
        Assert.Equal(["sleep", "1"], CommandLine.Exec("sleep", "1").ToArgv());
        Assert.Equal(CommandLine.Exec("sleep", "1"), CommandLine.Exec("sleep", "1"));
        Assert.NotEqual(CommandLine.Exec("sleep 1"), CommandLine.Shell("sleep 1"));
    }
}
