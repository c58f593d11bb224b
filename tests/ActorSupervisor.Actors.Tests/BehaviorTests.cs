using ActorSupervisor.Actors;

namespace ActorSupervisor.Actors.Tests;

public sealed class BehaviorTests : TestKit.TestKit
{
    /// <summary>Closed: stashes everything but "open". Open: echoes, "close" goes back.</summary>
    private sealed class Door(IActorRef probe) : ActorBase
    {
        protected override bool Receive(object message)
        {
            switch (message)
            {
                case "open":
                    Become(Open);
                    UnstashAll();
                    return true;
                case "boom":
                    throw new InvalidOperationException("boom");
                default:
                    Stash();
                    return true;
            }
        }

        private bool Open(object message)
        {
            switch (message)
            {
                case "close": Unbecome(); return true;
                case "boom": throw new InvalidOperationException("boom");
                default: probe.Tell($"open: {message}", null); return true;
            }
        }
    }

    [Fact]
    public void Stashed_messages_come_back_in_order_after_become()
    {
        var door = Sys.ActorOf(Props.Create(() => new Door(TestActor.Ref)));
        door.Tell("a", null);
        door.Tell("b", null);
        door.Tell("open", null);
        door.Tell("c", null);
        ExpectMsg("open: a");
        ExpectMsg("open: b");
        ExpectMsg("open: c");
        door.Tell("close", null);
        door.Tell("d", null);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        door.Tell("open", null);
        ExpectMsg("open: d");
    }

    [Fact]
    public void A_restart_goes_back_to_the_initial_behaviour_and_keeps_the_stash()
    {
        var door = Sys.ActorOf(Props.Create(() => new Door(TestActor.Ref)));
        door.Tell("a", null);
        door.Tell("boom", null); // closed: the failure restarts it; "a" goes back in front of the mailbox
        door.Tell("b", null);
        door.Tell("open", null);
        ExpectMsg("open: a");
        ExpectMsg("open: b");
        door.Tell("boom", null); // open: after the restart it is closed again
        door.Tell("c", null);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        door.Tell("open", null);
        ExpectMsg("open: c");
    }

    private sealed class DoubleStash : ActorBase
    {
        protected override bool Receive(object message)
        {
            Stash();
            Stash();
            return true;
        }
    }

    [Fact]
    public void Stashing_the_same_message_twice_is_a_failure()
    {
        var actor = Sys.ActorOf(Props.Create<DoubleStash>());
        actor.Tell("x", null);
        AwaitCondition(() => Logs.Entries.Any(e => e.Exception is InvalidOperationException { Message: var m } && m.Contains("already stashed")));
    }

    /// <summary>Becomes stacked behaviours and reports which one handled each message.</summary>
    private sealed class Stacked(IActorRef probe) : ActorBase
    {
        protected override bool Receive(object message) => Handle("base", message);

        private bool Handle(string level, object message)
        {
            switch (message)
            {
                case "push": Context.BecomeStacked(m => Handle(level + "+", m)); return true;
                case "pop": Context.UnbecomeStacked(); return true;
                default: probe.Tell($"{level}: {message}", null); return true;
            }
        }
    }

    [Fact]
    public void Stacked_behaviours_unwind_in_order()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Stacked(TestActor.Ref)));
        foreach (var m in new[] { "push", "push", "x", "pop", "y", "pop", "z" }) actor.Tell(m, null);
        ExpectMsg("base++: x");
        ExpectMsg("base+: y");
        ExpectMsg("base: z");
    }

    /// <summary>Stashes strings; "release" unstashes the oldest one, which it then reports.</summary>
    private sealed class OneAtATime(IActorRef probe) : ActorBase
    {
        private bool _releasing;

        protected override bool Receive(object message)
        {
            if (message is "release")
            {
                _releasing = true;
                Unstash();
                return true;
            }
            if (_releasing)
            {
                _releasing = false;
                probe.Tell(message, null);
                return true;
            }
            Stash();
            return true;
        }
    }

    [Fact]
    public void Unstash_releases_only_the_oldest_stashed_message_ahead_of_the_mailbox()
    {
        var actor = Sys.ActorOf(Props.Create(() => new OneAtATime(TestActor.Ref)));
        actor.Tell("a", null);
        actor.Tell("b", null);
        actor.Tell("release", null);
        ExpectMsg("a");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        actor.Tell("release", null);
        ExpectMsg("b");
    }
}
