using ActorSupervisor.Actors;

namespace ActorSupervisor.Actors.Tests;

public sealed class AskTests : TestKit.TestKit
{
    private sealed class Replier : ActorBase
    {
        protected override bool Receive(object message)
        {
            switch (message)
            {
                case "silent": return true;
                case "fail": Sender.Tell(new StatusFailure(new InvalidOperationException("no way"))); return true;
                case "number": Sender.Tell(42); return true;
                default: Sender.Tell($"re: {message}"); return true;
            }
        }
    }

    [Fact]
    public async Task Ask_returns_the_reply()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        Assert.Equal("re: hi", await actor.Ask<string>("hi", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Ask_times_out_on_the_system_clock()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        var ask = actor.Ask<string>("silent", TimeSpan.FromSeconds(3));
        Assert.Equal("re: sync", await actor.Ask<string>("sync", TimeSpan.FromSeconds(5))); // "silent" was handled
        Time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(ask.IsCompleted);
        Time.Advance(TimeSpan.FromSeconds(0.1));
        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
        Assert.Contains(actor.Path.ToString(), error.Message);
    }

    [Fact]
    public async Task Ask_to_a_dead_actor_fails_at_once()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<string>("hi", TimeSpan.FromMinutes(1)));
        Assert.Contains("terminated", error.Message);
    }

    [Fact]
    public async Task Ask_whose_question_reaches_dead_letters_fails_without_waiting_for_the_timeout()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        actor.Tell(PoisonPill.Instance, null);
        var ask = actor.Ask<string>("hi", TimeSpan.FromMinutes(1)); // may race the stop: either handled or dead-lettered
        var winner = await Task.WhenAny(ask, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(ask, winner);
        Assert.True(ask.IsFaulted, "the ask was sent after the poison pill, so it can only have been dead-lettered");
        Assert.IsType<AskTimeoutException>(ask.Exception!.InnerException);
    }

    [Fact]
    public async Task Failure_replies_and_wrong_types_fault_the_ask()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => actor.Ask<string>("fail", TimeSpan.FromSeconds(5)));
        Assert.Equal("no way", failure.Message);
        var wrongType = await Assert.ThrowsAsync<InvalidCastException>(() => actor.Ask<string>("number", TimeSpan.FromSeconds(5)));
        Assert.Contains("Int32", wrongType.Message);
    }

    [Fact]
    public async Task Ask_honours_cancellation()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        using var cts = new CancellationTokenSource();
        var ask = actor.Ask<string>("silent", TimeSpan.FromMinutes(1), cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = actor.Ask<string>("x", TimeSpan.Zero); });
    }
}
