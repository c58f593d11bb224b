using ActorSupervisor.Values;

namespace ActorSupervisor.Values.Tests;

// Oracle: SEMANTICS.md 1.1 (docker/cli opts.ParseRestartPolicy).
public sealed class RestartPolicyTextTests
{
    [Theory]
    [InlineData("no", RestartPolicyKind.No, 0)]
    [InlineData("", RestartPolicyKind.No, 0)]
    [InlineData("always", RestartPolicyKind.Always, 0)]
    [InlineData("unless-stopped", RestartPolicyKind.UnlessStopped, 0)]
    [InlineData("on-failure", RestartPolicyKind.OnFailure, 0)]
    [InlineData("on-failure:5", RestartPolicyKind.OnFailure, 5)]
    [InlineData("on-failure:0", RestartPolicyKind.OnFailure, 0)]
    [InlineData("on-failure:+3", RestartPolicyKind.OnFailure, 3)]
    public void Parses_dockers_policies(string text, RestartPolicyKind kind, int count)
    {
        Assert.True(RestartPolicyText.TryParse(text, out var parsedKind, out var parsedCount, out var error), error);
        Assert.Equal((kind, count), (parsedKind, parsedCount));
    }

    [Theory]
    [InlineData("sometimes", "'sometimes' is not a restart policy; use no, always, unless-stopped or on-failure[:max-retries]")]
    [InlineData("Always", "'Always' is not a restart policy")]
    [InlineData("always:3", "'always:3': maximum retries are only valid with on-failure")]
    [InlineData("unless-stopped:1", "maximum retries are only valid with on-failure")]
    [InlineData("on-failure:-1", "'on-failure:-1': maximum retries must be a whole number 0 or more")]
    [InlineData("on-failure:x", "maximum retries must be a whole number 0 or more")]
    [InlineData("on-failure:1:2", "'on-failure:1:2' is not a restart policy")]
    [InlineData(" always", "' always' is not a restart policy: it has white space around the name")]
    [InlineData("always ", "white space")]
    [InlineData("on-failure:3 ", "white space")]
    public void Rejects_bad_policies_saying_why(string text, string expected)
    {
        Assert.False(RestartPolicyText.TryParse(text, out _, out _, out var error));
        Assert.Contains(expected, error);
        Assert.False(RestartPolicyText.TryNormalize(text, out _, out var normalizeError));
        Assert.Equal(error, normalizeError);
    }

    // Empty is Docker's spelling of no, so it normalizes rather than failing.
    [Theory]
    [InlineData("no", "no")]
    [InlineData("", "no")]
    [InlineData("always", "always")]
    [InlineData("unless-stopped", "unless-stopped")]
    [InlineData("on-failure", "on-failure")]
    [InlineData("on-failure:0", "on-failure")]
    [InlineData("on-failure:5", "on-failure:5")]
    public void Normalizes_to_the_canonical_form(string text, string canonical)
    {
        Assert.True(RestartPolicyText.TryNormalize(text, out var normalized, out var error), error);
        Assert.Equal(canonical, normalized);
    }

    [Theory]
    [InlineData(RestartPolicyKind.No, 0, "no")]
    [InlineData(RestartPolicyKind.Always, 0, "always")]
    [InlineData(RestartPolicyKind.UnlessStopped, 0, "unless-stopped")]
    [InlineData(RestartPolicyKind.OnFailure, 0, "on-failure")]
    [InlineData(RestartPolicyKind.OnFailure, 3, "on-failure:3")]
    public void Formats_as_typed(RestartPolicyKind kind, int count, string text) =>
        Assert.Equal(text, RestartPolicyText.Format(kind, count));
}
