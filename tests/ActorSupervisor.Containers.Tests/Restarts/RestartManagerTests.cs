using ActorSupervisor.Containers.Domain.Restarts;
using FsCheck;
using FsCheck.Fluent;

namespace ActorSupervisor.Containers.Tests.Restarts;

// Oracle: SEMANTICS.md 1.1 "Decision" (moby restartmanager.ShouldRestart) and the "intensity" row (OTP).
public class RestartManagerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ShortRun = TimeSpan.FromSeconds(1);

    private static RestartContext Context(string policy, int? exitCode, bool manuallyStopped = false, bool canceled = false,
        int restartCount = 0, TimeSpan? run = null, TimeSpan? previous = null, RestartIntensity? intensity = null,
        IReadOnlyList<DateTimeOffset>? recent = null)
    {
        Assert.True(RestartPolicy.TryParse(policy, out var parsed, out _));
        return new RestartContext(parsed, Backoff.Default, intensity, exitCode, manuallyStopped, canceled,
            run ?? ShortRun, restartCount, previous, recent ?? []);
    }

    // Each row: policy, exit code, manually stopped, cancelled (stop/restart/remove), restart count, expected.
    [Theory]
    [InlineData("no", 1, false, false, 0, false)]             // 1.1 default "no": never
    [InlineData("no", 0, false, false, 0, false)]
    [InlineData("always", 0, false, false, 0, true)]          // 1.1 always: restart, whatever the code
    [InlineData("always", 137, false, false, 50, true)]
    [InlineData("always", 1, true, false, 0, true)]           // kill with a non-stop signal: flag set, no ExitOnNext; always ignores the flag
    [InlineData("always", 143, true, true, 0, false)]         // 1.1 manual stop: ExitOnNext cancels
    [InlineData("unless-stopped", 0, false, false, 0, true)]  // 1.1 unless-stopped: restart if !hasBeenManuallyStopped
    [InlineData("unless-stopped", 1, true, false, 0, false)]
    [InlineData("unless-stopped", 143, true, true, 0, false)]
    [InlineData("on-failure", 0, false, false, 0, false)]     // 1.1 on-failure: exitCode != 0 only
    [InlineData("on-failure", 1, false, false, 0, true)]
    [InlineData("on-failure", 1, false, false, 1000, true)]   // on-failure:0 / plain: unlimited
    [InlineData("on-failure:3", 1, false, false, 2, true)]    // restartCount < MaximumRetryCount
    [InlineData("on-failure:3", 1, false, false, 3, false)]
    [InlineData("on-failure:3", 0, false, false, 0, false)]
    [InlineData("on-failure", 1, true, false, 0, true)]       // on-failure ignores the manual flag (moby's switch)
    [InlineData("on-failure", 143, true, true, 0, false)]
    public void Policy_decides_as_moby(string policy, int exitCode, bool manuallyStopped, bool canceled, int restartCount, bool restarts)
    {
        var decision = RestartManager.Decide(Context(policy, exitCode, manuallyStopped, canceled, restartCount), Now, new Random(1));
        Assert.Equal(restarts ? RestartVerdict.Restart : RestartVerdict.DoNotRestart, decision.Verdict);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
        if (restarts)
            Assert.Equal(restartCount + 1, decision.Attempt);
    }

    [Fact]
    public void An_unknown_exit_code_counts_as_a_failure() =>
        Assert.Equal(RestartVerdict.Restart, RestartManager.Decide(Context("on-failure", null), Now, new Random(1)).Verdict);

    [Fact]
    public void The_first_restart_waits_100ms_then_the_delay_doubles()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), RestartManager.Decide(Context("always", 1), Now, new Random(1)).Delay);
        var second = RestartManager.Decide(Context("always", 1, restartCount: 1, previous: TimeSpan.FromMilliseconds(400)), Now, new Random(1));
        Assert.Equal((TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(800)), (second.Delay, second.Backoff));
    }

    // SEMANTICS "restart count" row: the 10 s rule resets the delay, not the count.
    [Fact]
    public void A_long_run_resets_the_delay_but_not_the_restart_count()
    {
        var decision = RestartManager.Decide(
            Context("on-failure:10", 1, restartCount: 7, run: TimeSpan.FromSeconds(10), previous: TimeSpan.FromSeconds(60)), Now, new Random(1));
        Assert.Equal((8, TimeSpan.FromMilliseconds(100)), (decision.Attempt, decision.Delay));
    }

    // SEMANTICS "intensity" row: more than N restarts within T gives up.
    [Fact]
    public void More_than_N_restarts_within_the_window_gives_up()
    {
        var intensity = new RestartIntensity(3, TimeSpan.FromMinutes(1));
        var threeRecent = new[] { Now.AddSeconds(-50), Now.AddSeconds(-20), Now.AddSeconds(-1) };
        var twoRecent = new[] { Now.AddMinutes(-5), Now.AddSeconds(-20), Now.AddSeconds(-1) };

        var gaveUp = RestartManager.Decide(Context("always", 1, intensity: intensity, recent: threeRecent), Now, new Random(1));
        Assert.Equal(RestartVerdict.GiveUp, gaveUp.Verdict);
        Assert.Equal("more than 3 restarts within 1m0s", gaveUp.Reason);
        Assert.Equal(RestartVerdict.Restart, RestartManager.Decide(Context("always", 1, intensity: intensity, recent: twoRecent), Now, new Random(1)).Verdict);
    }

    [Fact]
    public void Intensity_applies_only_when_the_policy_would_restart() =>
        Assert.Equal(RestartVerdict.DoNotRestart, RestartManager.Decide(
            Context("on-failure", 0, intensity: new RestartIntensity(0, TimeSpan.FromMinutes(1))), Now, new Random(1)).Verdict);

    [Fact]
    public void On_failure_N_never_restarts_more_than_N_times_in_a_row_of_failures() =>
        Prop.ForAll(
            Gen.Choose(1, 10).Zip(Gen.NonEmptyListOf(Gen.Choose(1, 255))).ToArbitrary(),
            input =>
            {
                var (max, exitCodes) = input;
                var count = 0;
                TimeSpan? previous = null;
                foreach (var code in exitCodes)
                {
                    var context = new RestartContext(RestartPolicy.OnFailure(max), Backoff.Default, null, code, false, false,
                        ShortRun, count, previous, []);
                    var decision = RestartManager.Decide(context, Now, new Random(1));
                    if (decision.Verdict != RestartVerdict.Restart)
                        break;
                    count = decision.Attempt;
                    previous = decision.Backoff;
                }
                return count <= max && (exitCodes.Count < max || count == max);
            })
        .QuickCheckThrowOnFailure();
}
