using System.Collections.Concurrent;
using ActorSupervisor.Actors;

namespace ActorSupervisor.Actors.Tests;

public sealed class LifecycleTests : TestKit.TestKit
{
    private sealed class Node(ConcurrentQueue<string> stops, int depth, string name) : ActorBase
    {
        protected override void PreStart()
        {
            if (depth > 0)
            {
                Context.ActorOf(Props.Create(() => new Node(stops, depth - 1, name + ".a")), "a");
                Context.ActorOf(Props.Create(() => new Node(stops, depth - 1, name + ".b")), "b");
            }
        }

        protected override void PostStop() => stops.Enqueue(name);

        protected override bool Receive(object message) => false;
    }

    [Fact]
    public async Task Terminate_stops_children_before_parents_and_completes_WhenTerminated()
    {
        var stops = new ConcurrentQueue<string>();
        var system = ActorSystem.Create("ordered");
        system.ActorOf(Props.Create(() => new Node(stops, 3, "root")), "root");
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        var order = stops.ToList();
        Assert.Equal(15, order.Count);
        foreach (var name in order.Where(n => n.StartsWith("root", StringComparison.Ordinal)))
        {
            var position = order.IndexOf(name);
            Assert.True(order.IndexOf(name + ".a") < position || !order.Contains(name + ".a"));
            Assert.True(order.IndexOf(name + ".b") < position || !order.Contains(name + ".b"));
        }
        Assert.Equal("root", order.Where(n => n.StartsWith("root", StringComparison.Ordinal)).Last());
        Assert.Throws<InvalidOperationException>(() => system.ActorOf(Props.Create(() => new Node(stops, 0, "after"))));
    }

    [Fact]
    public void PoisonPill_stops_after_the_messages_before_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Forwarder(TestActor.Ref)));
        Watch(actor);
        actor.Tell("one", null);
        actor.Tell(PoisonPill.Instance, null);
        actor.Tell("two", null);
        ExpectMsg("one");
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private sealed class Forwarder(IActorRef probe) : ActorBase
    {
        protected override bool Receive(object message)
        {
            probe.Tell(message, null);
            return true;
        }
    }

    /// <summary>Blocks on its first message until released, to line up messages behind it.</summary>
    private sealed class Blocker(IActorRef probe, ManualResetEventSlim gate) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is "block")
            {
                probe.Tell("blocked", null);
                gate.Wait(TimeSpan.FromSeconds(10));
            }
            probe.Tell($"handled {message}", null);
            return true;
        }
    }

    [Fact]
    public void System_messages_overtake_queued_user_messages()
    {
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Blocker(TestActor.Ref, gate)));
        Watch(actor);
        actor.Tell("block", null);
        ExpectMsg("blocked");
        actor.Tell("queued 1", null);
        actor.Tell("queued 2", null);
        Sys.Stop(actor);
        gate.Set();
        ExpectMsg("handled block");
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
