using ActorSupervisor.Actors;
using ActorSupervisor.TestKit;

namespace ActorSupervisor.Actors.Tests;

public sealed class SupervisionTests : TestKit.TestKit
{
    private sealed class Boom(string text) : Exception(text);

    /// <summary>Counts "inc", answers "get", throws on "boom"; reports its lifecycle to the probe.</summary>
    private sealed class Counter(IActorRef probe, string name) : ActorBase
    {
        private int _count;

        protected override void PreStart() => probe.Tell($"{name} started", null);

        protected override void PostStop() => probe.Tell($"{name} stopped", null);

        protected override void PreRestart(Exception reason, object? message)
        {
            probe.Tell($"{name} pre-restart {reason.Message} during {message}", null);
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            probe.Tell($"{name} post-restart", null);
            base.PostRestart(reason);
        }

        protected override bool Receive(object message)
        {
            switch (message)
            {
                case "inc": _count++; return true;
                case "get": Sender.Tell(_count); return true;
                case "boom": throw new Boom($"{name} boom");
                case Props props: Sender.Tell(Context.ActorOf(props, "child")); return true;
                default: return false;
            }
        }
    }

    /// <summary>A parent with a configurable strategy that creates children on request.</summary>
    private sealed class Parent(SupervisorStrategy strategy, IActorRef probe, string name) : ActorBase
    {
        protected override SupervisorStrategy SupervisorStrategy() => strategy;

        protected override void PreStart() => probe.Tell($"{name} started", null);

        protected override void PostRestart(Exception reason)
        {
            probe.Tell($"{name} post-restart", null);
            base.PostRestart(reason);
        }

        protected override bool Receive(object message)
        {
            if (message is (string childName, Props props))
            {
                Sender.Tell(Context.ActorOf(props, childName));
                return true;
            }
            return false;
        }
    }

    private IActorRef SpawnChild(IActorRef parent, string name, Props props)
    {
        parent.Tell((name, props), TestActor.Ref);
        var child = ExpectMsg<IActorRef>();
        ExpectMsg($"{name} started");
        return child;
    }

    private IActorRef SpawnParent(SupervisorStrategy strategy, string name = "parent")
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(strategy, TestActor.Ref, name)), name);
        ExpectMsg($"{name} started");
        return parent;
    }

    [Fact]
    public void Default_strategy_restarts_wiping_state_but_keeping_the_mailbox()
    {
        var parent = SpawnParent(SupervisorStrategy.Default);
        var child = SpawnChild(parent, "c", Props.Create(() => new Counter(TestActor.Ref, "c")));
        foreach (var m in new[] { "inc", "inc", "boom", "inc", "get" }) child.Tell(m, TestActor.Ref);
        ExpectMsg("c pre-restart c boom during boom");
        ExpectMsg("c stopped");
        ExpectMsg("c post-restart");
        ExpectMsg("c started");
        Assert.Equal(1, ExpectMsg<int>()); // the two incs before the failure are gone; the one after it was kept
    }

    [Fact]
    public void Resume_keeps_state_and_drops_only_the_failed_message()
    {
        var parent = SpawnParent(new OneForOneStrategy(_ => Directive.Resume));
        var child = SpawnChild(parent, "c", Props.Create(() => new Counter(TestActor.Ref, "c")));
        foreach (var m in new[] { "inc", "inc", "boom", "inc", "get" }) child.Tell(m, TestActor.Ref);
        Assert.Equal(3, ExpectMsg<int>());
        Assert.Contains(Logs.Entries, e => e.Exception is Boom && e.Message.Contains("Resume"));
    }

    [Fact]
    public void Stop_directive_stops_the_child()
    {
        var parent = SpawnParent(SupervisorStrategy.Stopping);
        var child = SpawnChild(parent, "c", Props.Create(() => new Counter(TestActor.Ref, "c")));
        Watch(child);
        child.Tell("boom", null);
        ExpectMsg("c stopped");
        ExpectTerminated(child);
    }

    [Fact]
    public void Too_many_restarts_within_the_window_stop_the_child()
    {
        var parent = SpawnParent(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        var child = SpawnChild(parent, "c", Props.Create(() => new Counter(TestActor.Ref, "c")));
        Watch(child);
        child.Tell("boom", null);
        FishForMessage<string>(m => m == "c started");
        Time.Advance(TimeSpan.FromMinutes(2)); // the window restarts: this failure counts as the first again
        child.Tell("boom", null);
        FishForMessage<string>(m => m == "c started");
        child.Tell("boom", null);
        FishForMessage<string>(m => m == "c started");
        child.Tell("boom", null); // third in the window: over budget
        FishForMessage<string>(m => m == "c stopped");
        ExpectTerminated(child);
    }

    [Fact]
    public void Escalation_goes_up_the_chain_and_restarting_the_middle_restarts_its_subtree()
    {
        var top = SpawnParent(SupervisorStrategy.Default, "top");
        top.Tell(("middle", Props.Create(() => new Parent(new OneForOneStrategy(_ => Directive.Escalate), TestActor.Ref, "middle"))), TestActor.Ref);
        var middle = ExpectMsg<IActorRef>();
        ExpectMsg("middle started");
        var leaf = SpawnChild(middle, "leaf", Props.Create(() => new Counter(TestActor.Ref, "leaf")));
        Watch(leaf);
        leaf.Tell("boom", null);
        // The middle's default PreRestart stops the leaf; the top restarts the middle.
        var seen = ReceiveN(4);
        Assert.Equal(["leaf stopped", "middle post-restart", "middle started"], seen.OfType<string>());
        Assert.Equal(leaf, Assert.Single(seen.OfType<Terminated>()).ActorRef);
        middle.Tell(("leaf", Props.Create(() => new Counter(TestActor.Ref, "leaf"))), TestActor.Ref);
        Assert.NotEqual(leaf, ExpectMsg<IActorRef>()); // the name is free again: the old leaf is gone
    }

    [Fact]
    public void All_for_one_restarts_the_siblings_too()
    {
        var parent = SpawnParent(new AllForOneStrategy(_ => Directive.Restart));
        var a = SpawnChild(parent, "a", Props.Create(() => new Counter(TestActor.Ref, "a")));
        var b = SpawnChild(parent, "b", Props.Create(() => new Counter(TestActor.Ref, "b")));
        b.Tell("inc", null);
        a.Tell("boom", null);
        var restarted = Enumerable.Range(0, 8).Select(_ => ExpectMsg<string>()).ToList();
        Assert.Contains("a post-restart", restarted);
        Assert.Contains("b post-restart", restarted);
        Assert.Contains(restarted, m => m.StartsWith("b pre-restart a boom", StringComparison.Ordinal));
        b.Tell("get", TestActor.Ref);
        Assert.Equal(0, ExpectMsg<int>());
    }

    [Fact]
    public void All_for_one_stop_stops_every_child()
    {
        var parent = SpawnParent(new AllForOneStrategy(_ => Directive.Stop));
        var a = SpawnChild(parent, "a", Props.Create(() => new Counter(TestActor.Ref, "a")));
        var b = SpawnChild(parent, "b", Props.Create(() => new Counter(TestActor.Ref, "b")));
        Watch(a);
        Watch(b);
        a.Tell("boom", null);
        var seen = Enumerable.Range(0, 4).Select(_ => ExpectMsg<object>()).ToList();
        Assert.Contains("a stopped", seen);
        Assert.Contains("b stopped", seen);
        Assert.Equal(2, seen.OfType<Terminated>().Count());
    }

    [Fact]
    public void Children_kept_by_an_overridden_PreRestart_are_restarted_with_their_parent()
    {
        var top = SpawnParent(SupervisorStrategy.Default, "top");
        top.Tell(("keeper", Props.Create(() => new KeepChildren(TestActor.Ref))), TestActor.Ref);
        var keeper = ExpectMsg<IActorRef>();
        keeper.Tell(Props.Create(() => new Counter(TestActor.Ref, "kid")), TestActor.Ref);
        var kid = ExpectMsg<IActorRef>();
        ExpectMsg("kid started");
        kid.Tell("inc", null);
        keeper.Tell("boom", null);
        ExpectMsg("keeper pre-restart");
        FishForMessage<string>(m => m == "kid post-restart");
        kid.Tell("get", TestActor.Ref);
        Assert.Equal(0, FishForMessage<int>(_ => true)); // same ref, fresh instance
    }

    private sealed class KeepChildren(IActorRef probe) : ActorBase
    {
        protected override void PreRestart(Exception reason, object? message) => probe.Tell("keeper pre-restart", null);

        protected override bool Receive(object message)
        {
            switch (message)
            {
                case Props props: Sender.Tell(Context.ActorOf(props, "kid")); return true;
                case "boom": throw new Boom("keeper boom");
                default: return false;
            }
        }
    }

    [Fact]
    public void A_failing_constructor_stops_the_actor_by_default()
    {
        var child = Sys.ActorOf(Props.Create<ThrowsInConstructor>());
        Watch(child);
        ExpectTerminated(child);
        Assert.Contains(Logs.Entries, e => e.Exception is ActorInitializationException { InnerException: Boom });
    }

    private sealed class ThrowsInConstructor : ActorBase
    {
        public ThrowsInConstructor() => throw new Boom("constructor");

        protected override bool Receive(object message) => false;
    }

    [Fact]
    public void Kill_fails_the_actor_and_the_default_strategy_stops_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Counter(TestActor.Ref, "k")));
        ExpectMsg("k started");
        Watch(actor);
        actor.Tell(Kill.Instance, null);
        ExpectMsg("k stopped");
        ExpectTerminated(actor);
    }
}
