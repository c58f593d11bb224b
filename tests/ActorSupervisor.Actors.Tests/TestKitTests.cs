using ActorSupervisor.Actors;
using ActorSupervisor.TestKit;
using Xunit.Sdk;

namespace ActorSupervisor.Actors.Tests;

public sealed class TestKitTests : TestKit.TestKit
{
    [Fact]
    public void A_failed_expectation_names_what_arrived_instead()
    {
        TestActor.Ref.Tell("surprise", null);
        var error = Assert.Throws<XunitException>(() => ExpectMsg<int>());
        Assert.Contains("ExpectMsg<Int32>", error.Message);
        Assert.Contains("String surprise", error.Message);
    }

    [Fact]
    public void A_timeout_says_nothing_arrived_and_lists_the_last_messages_taken()
    {
        TestActor.Ref.Tell("first", null);
        ExpectMsg("first");
        var error = Assert.Throws<XunitException>(() => ExpectMsg<string>(timeout: TimeSpan.FromMilliseconds(50)));
        Assert.Contains("no message within 50 ms", error.Message);
        Assert.Contains("String first", error.Message);
    }

    [Fact]
    public void ExpectNoMsg_fails_on_any_message_and_shows_it()
    {
        TestActor.Ref.Tell(42, null);
        AwaitCondition(() => TestActor.QueuedCount == 1);
        var error = Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(1)));
        Assert.Contains("Int32 42", error.Message);
    }

    [Fact]
    public void FishForMessage_skips_until_a_match_and_reports_what_it_skipped()
    {
        foreach (var n in new[] { 1, 2, 3 }) TestActor.Ref.Tell(n, null);
        Assert.Equal(3, FishForMessage<int>(n => n > 2));
        TestActor.Ref.Tell("a", null);
        AwaitCondition(() => TestActor.QueuedCount == 1);
        var error = Assert.Throws<XunitException>(() => FishForMessage<int>(_ => true, TimeSpan.FromMilliseconds(100)));
        Assert.Contains("skipped: String a", error.Message);
    }

    [Fact]
    public void Probes_reply_forward_and_know_the_last_sender()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        probe.Send(echo, "ping");
        probe.ExpectMsg("ping");
        Assert.Equal(echo, probe.LastSender);
        var other = CreateTestProbe();
        probe.Forward(other.Ref);
        other.ExpectMsg("ping");
        Assert.Equal(echo, other.LastSender);
        other.Reply("pong");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50)); // the reply went to the echo, which answered the other probe
        other.ExpectMsg("pong");
    }

    [Fact]
    public void Within_bounds_the_expectations_inside_and_checks_the_duration()
    {
        TestActor.Ref.Tell("in time", null);
        Within(TimeSpan.FromSeconds(2), () =>
        {
            ExpectMsg("in time");
            Assert.True(TestActor.Remaining <= TimeSpan.FromSeconds(2));
        });
        var error = Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg<string>()));
        Assert.Contains("no message within", error.Message);
        Assert.Throws<XunitException>(() => Within(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6), () => { }));
    }

    [Fact]
    public void AwaitAssert_retries_until_the_assertion_holds_and_rethrows_the_last_failure()
    {
        var attempts = 0;
        AwaitAssert(() => Assert.True(++attempts >= 3));
        Assert.Equal(3, attempts);
        var flag = false;
        var error = Assert.Throws<TrueException>(() => AwaitAssert(() => Assert.True(flag, "never"), TimeSpan.FromMilliseconds(50)));
        Assert.Contains("never", error.Message);
        Assert.Throws<XunitException>(() => AwaitCondition(() => false, TimeSpan.FromMilliseconds(50), "the flag"));
    }

    [Fact]
    public void Logs_are_captured_and_the_clock_is_virtual()
    {
        var start = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(start + TimeSpan.FromHours(1), Sys.Time.GetUtcNow());
        Sys.DeadLetters.Tell("nobody home", null);
        Assert.Contains(Logs.Entries, e => e.Message.Contains("Dead letter"));
    }
}
