using System.Collections.Concurrent;
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
}
