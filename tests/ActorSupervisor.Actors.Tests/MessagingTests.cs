using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ActorSupervisor.Actors;
using ActorSupervisor.TestKit;

namespace ActorSupervisor.Actors.Tests;

public sealed class MessagingTests : TestKit.TestKit
{
    private sealed class Relay(IActorRef target) : ActorBase
    {
        protected override bool Receive(object message)
        {
            target.Forward(message);
            return true;
        }
    }

    private sealed class Recorder(ConcurrentQueue<(int Sender, int Seq)> seen, int expected, TaskCompletionSource done) : ActorBase
    {
        protected override bool Receive(object message)
        {
            var (sender, seq) = ((int, int))message;
            seen.Enqueue((sender, seq));
            if (seen.Count == expected) done.SetResult();
            return true;
        }
    }

    [Fact]
    public void Tell_inside_an_actor_uses_the_actor_as_sender()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        echo.Tell("hello", TestActor.Ref);
        Assert.Equal("hello", ExpectMsg<string>());
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var relay = Sys.ActorOf(Props.Create(() => new Relay(echo)));
        relay.Tell("via relay", TestActor.Ref);
        ExpectMsg("via relay");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Paths_name_the_hierarchy_and_generated_names_are_unique()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "supervisor");
        Assert.Equal("/user/supervisor", echo.Path.ToStringWithoutAddress());
        Assert.Equal("asv://test/user/supervisor", echo.Path.ToString());
        Assert.Equal(["user", "supervisor"], echo.Path.Elements);
        var a = Sys.ActorOf(Props.Create<EchoActor>());
        var b = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.NotEqual(a.Path, b.Path);
        Assert.StartsWith("$", a.Path.Name);
    }

    [Fact]
    public void Bad_and_duplicate_names_are_rejected_with_the_reason()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "web-1");
        var duplicate = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "web-1"));
        Assert.Contains("web-1", duplicate.Message);
        Assert.Contains("'/'", Assert.Throws<ArgumentException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "a/b")).Message);
        Assert.Contains("$", Assert.Throws<ArgumentException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "$x")).Message);
        Assert.Throws<ArgumentException>(() => Sys.ActorOf(Props.Create<EchoActor>(), ""));
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("bad name"));
    }

    [Fact]
    public void Constructing_an_actor_with_new_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new EchoActor());
        Assert.Contains("Props", error.Message);
    }

    [Fact]
    public async Task Many_concurrent_senders_each_see_their_own_messages_in_order()
    {
        const int senders = 8, perSender = 20_000;
        var seen = new ConcurrentQueue<(int Sender, int Seq)>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiver = Sys.ActorOf(Props.Create(() => new Recorder(seen, senders * perSender, done)));
        var start = new Barrier(senders);
        var threads = Enumerable.Range(0, senders).Select(s => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perSender; i++) receiver.Tell((s, i), null);
        })).ToList();
        threads.ForEach(t => t.Start());
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var next = new int[senders];
        foreach (var (sender, seq) in seen)
        {
            Assert.Equal(next[sender], seq);
            next[sender]++;
        }
        Assert.All(next, n => Assert.Equal(perSender, n));
    }

    private sealed class Tally(StrongBox<int> handled) : ActorBase
    {
        protected override bool Receive(object message)
        {
            handled.Value++;
            return true;
        }
    }

    [Fact]
    public void Every_message_to_an_actor_stopped_midway_is_either_handled_or_a_dead_letter()
    {
        const int senders = 4, perSender = 25_000;
        var handled = new StrongBox<int>();
        var actor = Sys.ActorOf(Props.Create(() => new Tally(handled)));
        Watch(actor);
        var before = Sys.DeadLetterCount;
        var start = new Barrier(senders + 1);
        var threads = Enumerable.Range(0, senders).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perSender; i++) actor.Tell(i, null);
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();
        Sys.Stop(actor);
        threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(30))));
        ExpectTerminated(actor);
        AwaitAssert(() => Assert.Equal(senders * perSender, handled.Value + (int)(Sys.DeadLetterCount - before)));
    }
}
