using ActorSupervisor.Actors;

namespace ActorSupervisor.Actors.Tests;

public sealed class DeathWatchTests : TestKit.TestKit
{
    private sealed class Idle : ActorBase
    {
        protected override bool Receive(object message) => false;
    }

    /// <summary>Watches what it is told to and reports Terminated; or ignores Terminated when told to.</summary>
    private sealed class Watcher(IActorRef probe, bool handleTerminated) : ActorBase
    {
        protected override void PostStop() => probe.Tell("watcher stopped", null);

        protected override bool Receive(object message)
        {
            switch (message)
            {
                case ("watch", IActorRef subject): Context.Watch(subject); Context.Watch(subject); probe.Tell("watching", null); return true;
                case ("unwatch", IActorRef subject): Context.Unwatch(subject); probe.Tell("unwatched", null); return true;
                case Terminated t when handleTerminated: probe.Tell(t, null); return true;
                default: return false;
            }
        }
    }

    [Fact]
    public void Watching_yields_exactly_one_Terminated_even_when_watched_twice()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor.Ref, true)));
        watcher.Tell(("watch", subject), null);
        ExpectMsg("watching");
        Sys.Stop(subject);
        var terminated = ExpectMsg<Terminated>();
        Assert.Equal(subject, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Watching_an_already_dead_actor_yields_Terminated_at_once()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor.Ref, true)));
        watcher.Tell(("watch", subject), null);
        ExpectMsg("watching");
        var terminated = ExpectMsg<Terminated>();
        Assert.Equal(subject, terminated.ActorRef);
        Assert.False(terminated.ExistenceConfirmed);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void No_Terminated_after_Unwatch()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor.Ref, true)));
        watcher.Tell(("watch", subject), null);
        watcher.Tell(("unwatch", subject), null);
        ExpectMsg("watching");
        ExpectMsg("unwatched");
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject); // the probe's own watch proves the subject is gone
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // and the watcher got nothing
    }

    [Fact]
    public void An_unhandled_Terminated_kills_the_watcher_with_a_death_pact()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor.Ref, false)));
        watcher.Tell(("watch", subject), null);
        ExpectMsg("watching");
        Sys.Stop(subject);
        ExpectMsg("watcher stopped");
        Assert.Contains(Logs.Entries, e => e.Exception is DeathPactException);
    }

    [Fact]
    public void Messages_to_a_dead_actor_are_counted_logged_and_published_as_dead_letters()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>(), "gone");
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);
        var listener = CreateTestProbe();
        Sys.EventStream.Subscribe(listener.Ref, typeof(DeadLetter));
        var before = Sys.DeadLetterCount;
        subject.Tell("lost", TestActor.Ref);
        var letter = listener.ExpectMsg<DeadLetter>();
        Assert.Equal("lost", letter.Message);
        Assert.Equal(subject, letter.Recipient);
        Assert.Equal(before + 1, Sys.DeadLetterCount);
        Assert.Contains(Logs.Entries, e => e.Message.Contains("String") && e.Message.Contains("/user/gone"));
    }
}
