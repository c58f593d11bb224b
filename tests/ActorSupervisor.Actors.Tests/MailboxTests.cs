using ActorSupervisor.Actors;

namespace ActorSupervisor.Actors.Tests;

public sealed class MailboxTests : TestKit.TestKit
{
    private sealed class Gated(IActorRef probe, ManualResetEventSlim gate) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is "block")
            {
                probe.Tell("blocked", null);
                gate.Wait(TimeSpan.FromSeconds(10));
                return true;
            }
            probe.Tell(message, null);
            return true;
        }
    }

    [Fact]
    public void A_full_bounded_mailbox_sends_the_overflow_to_dead_letters()
    {
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Gated(TestActor.Ref, gate)).WithMailbox(MailboxOptions.Bounded(2)));
        actor.Tell("block", null);
        ExpectMsg("blocked");
        var before = Sys.DeadLetterCount;
        actor.Tell("1", null);
        actor.Tell("2", null);
        actor.Tell("3", null); // over capacity
        Assert.Equal(before + 1, Sys.DeadLetterCount);
        gate.Set();
        ExpectMsg("1");
        ExpectMsg("2");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        actor.Tell("4", null); // room again
        ExpectMsg("4");
    }

    [Fact]
    public void A_full_bounded_mailbox_with_Throw_refuses_the_send()
    {
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Gated(TestActor.Ref, gate)).WithMailbox(MailboxOptions.Bounded(1, MailboxOverflow.Throw)));
        actor.Tell("block", null);
        ExpectMsg("blocked");
        actor.Tell("1", null);
        var error = Assert.Throws<MailboxFullException>(() => actor.Tell("2", null));
        Assert.Equal(actor.Path, error.Recipient);
        gate.Set();
        ExpectMsg("1");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Mailbox_statistics_count_the_waiting_messages_and_the_deepest_mailbox()
    {
        using var gate = new ManualResetEventSlim();
        var busy = Sys.ActorOf(Props.Create(() => new Gated(TestActor.Ref, gate)), "busy");
        Sys.ActorOf(Props.Create(() => new Gated(TestActor.Ref, gate)), "idle");
        busy.Tell("block", null);
        ExpectMsg("blocked");
        for (var i = 0; i < 5; i++) busy.Tell(i, null);

        var statistics = Sys.GetMailboxStatistics();

        Assert.Equal(new MailboxStatistics(Actors: 2, QueuedMessages: 5, DeepestMailbox: 5), statistics);
        gate.Set();
        for (var i = 0; i < 5; i++) ExpectMsg(i);
        Assert.Equal(new MailboxStatistics(2, 0, 0), Sys.GetMailboxStatistics());
    }

    [Fact]
    public void Bounded_mailbox_options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MailboxOptions.Bounded(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MailboxOptions.Bounded(1, (MailboxOverflow)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create("x", new ActorSystemSettings { Throughput = 0 }));
    }
}
