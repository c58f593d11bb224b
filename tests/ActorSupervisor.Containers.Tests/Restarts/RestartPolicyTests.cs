using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Values;

namespace ActorSupervisor.Containers.Tests.Restarts;

// Oracle: SEMANTICS.md 1.1 (moby restartmanager, daemon restore). The text itself is tested in ActorSupervisor.Values.Tests.
public class RestartPolicyTests
{
    [Theory]
    [InlineData("no")]
    [InlineData("always")]
    [InlineData("unless-stopped")]
    [InlineData("on-failure")]
    [InlineData("on-failure:5")]
    public void Prints_as_typed(string text)
    {
        Assert.True(RestartPolicy.TryParse(text, out var policy, out _));
        Assert.Equal(text, policy.ToString());
    }

    [Fact]
    public void A_bad_policy_is_refused_with_the_reason_and_leaves_no()
    {
        Assert.False(RestartPolicy.TryParse("always:3", out var policy, out var error));
        Assert.Equal(RestartPolicy.No, policy);
        Assert.Contains("only valid with on-failure", error);
    }

    [Fact]
    public void Validate_names_what_is_wrong()
    {
        Assert.Null(RestartPolicy.OnFailure(3).Validate());
        Assert.Contains("negative", RestartPolicy.OnFailure(-1).Validate());
        Assert.Contains("only be used with on-failure", new RestartPolicy(RestartPolicyKind.Always, 2).Validate());
    }

    // SEMANTICS "node restart" row / 1.1 "Daemon restart": always comes back even after a manual stop,
    // unless-stopped only if not manually stopped, on-failure and no never; only containers started before.
    [Theory]
    [InlineData("always", false, true, true)]
    [InlineData("always", true, true, true)]
    [InlineData("always", false, false, false)]
    [InlineData("unless-stopped", false, true, true)]
    [InlineData("unless-stopped", true, true, false)]
    [InlineData("unless-stopped", false, false, false)]
    [InlineData("on-failure", false, true, false)]
    [InlineData("on-failure:3", false, true, false)]
    [InlineData("no", false, true, false)]
    public void Node_restart_follows_dockers_restore_rule(string policy, bool manuallyStopped, bool startedBefore, bool expected)
    {
        Assert.True(RestartPolicy.TryParse(policy, out var parsed, out _));
        Assert.Equal(expected, parsed.ShouldRestartOnNodeStart(manuallyStopped, startedBefore));
    }
}
