using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Containers.Runtimes.Process.Cgroups;

namespace ActorSupervisor.Runtimes.Tests.Units;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostLookupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("asv-host-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Cgroup_mounts_are_found_on_a_hybrid_host()
    {
        var mounts = CgroupMounts.Parse(
        [
            "30 25 0:26 / /sys/fs/cgroup/unified rw,nosuid - cgroup2 cgroup2 rw",
            "31 25 0:27 / /sys/fs/cgroup/memory rw,nosuid shared:9 - cgroup cgroup rw,memory",
            "32 25 0:28 / /sys/fs/cgroup/freezer rw - cgroup cgroup rw,freezer",
            "33 25 0:29 / /proc rw - proc proc rw",
        ]);
        Assert.Equal(new CgroupMounts("/sys/fs/cgroup/memory", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup/unified"), mounts);
        Assert.Equal(new CgroupMounts(null, null, "/sys/fs/cgroup"), CgroupMounts.Parse(["30 25 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate"]));
    }

    [Fact]
    public void Users_and_groups_resolve_by_name_or_number_and_unknown_ones_are_named()
    {
        var passwd = Path.Combine(_directory, "passwd");
        var group = Path.Combine(_directory, "group");
        File.WriteAllLines(passwd, ["root:x:0:0:root:/root:/bin/sh", "app:x:1000:1001:App:/home/app:/bin/sh"]);
        File.WriteAllLines(group, ["root:x:0:", "staff:x:50:app"]);

        Assert.Equal(new UserIds(1000, 1001, "/home/app", true), UserIds.Resolve("app", passwd, group));
        Assert.Equal(new UserIds(1000, 50, "/home/app", true), UserIds.Resolve("1000:staff", passwd, group));
        Assert.Equal(new UserIds(4242, 4243, "/", false), UserIds.Resolve("4242:4243", passwd, group));
        Assert.Contains("nobody-here", Assert.Throws<RuntimeOperationException>(() => UserIds.Resolve("nobody-here", passwd, group)).Message);
        Assert.Contains("no-group", Assert.Throws<RuntimeOperationException>(() => UserIds.Resolve("app:no-group", passwd, group)).Message);
    }

    [Fact]
    public void A_missing_or_non_executable_program_gets_docker_s_message_and_exit_code()
    {
        var context = new LaunchContext(new Dictionary<string, string> { ["PATH"] = _directory }, _directory, null);
        var script = Path.Combine(_directory, "script");
        File.WriteAllText(script, "#!/bin/sh\n");

        var notExecutable = Assert.Throws<RuntimeOperationException>(() => context.CheckExecutable(["./script"]));
        Assert.Equal((126, "exec: \"./script\": permission denied"), (notExecutable.ExitCode, notExecutable.Message));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        context.CheckExecutable(["script"]);
        context.CheckExecutable([script]);
        Assert.Equal(127, Assert.Throws<RuntimeOperationException>(() => context.CheckExecutable(["sh"])).ExitCode);
        Assert.Equal(127, Assert.Throws<RuntimeOperationException>(() => context.CheckExecutable(["/no/such/program"])).ExitCode);
    }
}
