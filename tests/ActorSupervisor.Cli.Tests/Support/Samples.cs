using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Tests.Support;

/// <summary>Canned API values for tests; times are relative to <see cref="CliRunner.Now"/>.</summary>
internal static class Samples
{
    public const string WebId = "3f2a9c1b7d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeef";
    public const string WorkerId = "77aa9c1b7d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddee0";

    public static ContainerSummary Summary(string name, string state, string? health = null, int restarts = 0, int? exitCode = null) => new()
    {
        Id = name == "web" ? WebId : WorkerId,
        Name = name,
        Runtime = "process",
        Command = "python3 -m http.server 8080",
        State = state,
        Health = health,
        Restart = "on-failure:5",
        RestartCount = restarts,
        ExitCode = exitCode,
        Pid = state == ContainerStates.Running ? 4242 : null,
        Node = "node-a",
        Labels = new Dictionary<string, string> { ["tier"] = "front" },
        CreatedAt = CliRunner.Now.AddMinutes(-10),
        StartedAt = CliRunner.Now.AddMinutes(-3),
        FinishedAt = state == ContainerStates.Running ? null : CliRunner.Now.AddSeconds(-5),
    };

    public static ContainerInfo Info(string name, string state) => new()
    {
        Id = name == "web" ? WebId : WorkerId,
        Name = name,
        Node = "node-a",
        Spec = new RawContainerSpec { Name = name, Command = ["python3", "-m", "http.server"], Restart = "on-failure:5" },
        State = state,
        RestartCount = 2,
        ExitCode = 1,
        Pid = state == ContainerStates.Running ? 4242 : null,
        CreatedAt = CliRunner.Now.AddMinutes(-10),
        StartedAt = CliRunner.Now.AddMinutes(-3),
    };

    public static ContainerEvent Event(long offset, long seq, string type, string why, int secondsAgo, params (string Key, string Value)[] attributes) => new()
    {
        Offset = offset,
        Seq = seq,
        Time = CliRunner.Now.AddSeconds(-secondsAgo),
        Type = type,
        ContainerId = WebId,
        ContainerName = "web",
        Attributes = attributes.ToDictionary(a => a.Key, a => a.Value),
        Why = why,
    };
}
