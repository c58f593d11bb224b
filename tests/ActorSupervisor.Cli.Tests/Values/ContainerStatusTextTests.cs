using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Client.Values;

namespace ActorSupervisor.Cli.Tests.Values;

public sealed class ContainerStatusTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ContainerStates.Running, null, 0, 180, "Up 3 minutes")]
    [InlineData(ContainerStates.Running, HealthStatuses.Healthy, 0, 45, "Up 45 seconds (healthy)")]
    [InlineData(ContainerStates.Running, HealthStatuses.None, 0, 45, "Up 45 seconds")]
    [InlineData(ContainerStates.Running, HealthStatuses.Starting, 0, 1, "Up 1 second (health: starting)")]
    [InlineData(ContainerStates.Paused, null, 0, 7200, "Up 2 hours (Paused)")]
    [InlineData(ContainerStates.Restarting, null, 1, 5, "Restarting (1) 5 seconds ago")]
    [InlineData(ContainerStates.Exited, null, 137, 90, "Exited (137) About a minute ago")]
    [InlineData(ContainerStates.Created, null, 0, 0, "Created")]
    [InlineData(ContainerStates.Dead, null, 0, 0, "Dead")]
    public void Matches_dockers_status_column(string state, string? health, int exitCode, int secondsAgo, string expected)
    {
        var at = Now.AddSeconds(-secondsAgo);
        Assert.Equal(expected, ContainerStatusText.Describe(state, health, exitCode, at, at, Now));
    }

    [Theory]
    [InlineData(0.5, "Less than a second")]
    [InlineData(59, "59 seconds")]
    [InlineData(100, "About a minute")]
    [InlineData(3000, "50 minutes")]
    [InlineData(4000, "About an hour")]
    [InlineData(36 * 3600, "36 hours")]
    [InlineData(5 * 86400, "5 days")]
    [InlineData(21 * 86400, "3 weeks")]
    [InlineData(90 * 86400, "3 months")]
    [InlineData(800 * 86400, "2 years")]
    public void Humanizes_like_docker(double seconds, string expected) =>
        Assert.Equal(expected, ContainerStatusText.Humanize(TimeSpan.FromSeconds(seconds)));
}
