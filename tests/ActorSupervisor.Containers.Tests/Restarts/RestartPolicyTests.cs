using ActorSupervisor.Containers.Domain.Restarts;

namespace ActorSupervisor.Containers.Tests.Restarts;

// Oracle: SEMANTICS.md 1.1 (moby restartmanager, docker/cli opts.ParseRestartPolicy, daemon restore).
public class RestartPolicyTests
{
    [Theory]
    [InlineData("no", RestartPolicyKind.No, 0)]
    [InlineData("", RestartPolicyKind.No, 0)]
    [InlineData("always", RestartPolicyKind.Always, 0)]
    [InlineData("unless-stopped", RestartPolicyKind.UnlessStopped, 0)]
    [InlineData("on-failure", RestartPolicyKind.OnFailure, 0)]
    [InlineData("on-failure:5", RestartPolicyKind.OnFailure, 5)]
    [InlineData("on-failure:0", RestartPolicyKind.OnFailure, 0)]
    public void Parses_dockers_policies(string text, RestartPolicyKind kind, int count)
    {
        Assert.True(RestartPolicy.TryParse(text, out var policy, out var error), error);
        Assert.Equal(new RestartPolicy(kind, count), policy);
    }

    [Theory]
    [InlineData("sometimes", "invalid restart policy 'sometimes'")]
    [InlineData("Always", "invalid restart policy 'Always'")]
    [InlineData("always:3", "only be used with on-failure")]
    [InlineData("unless-stopped:1", "only be used with on-failure")]
    [InlineData("on-failure:-1", "cannot be negative")]
    [InlineData("on-failure:x", "'x' is not a whole number")]
    [InlineData("on-failure:1:2", "invalid restart policy format")]
    public void Rejects_bad_policies_saying_why(string text, string expected)
    {
        Assert.False(RestartPolicy.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
    }

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
