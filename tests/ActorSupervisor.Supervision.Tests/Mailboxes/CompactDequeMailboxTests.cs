using ActorSupervisor.Supervision.Mailboxes;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Xunit.Abstractions;

namespace ActorSupervisor.Supervision.Tests.Mailboxes;

/// <summary>A persistent actor with a stash, on the compact mailbox in a real ActorSystem (in-memory journal).</summary>
public sealed class CompactDequeMailboxTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Config TestConfig = ConfigurationFactory.ParseString(CompactDequeMailbox.HoconConfig)
        .WithFallback(ConfigurationFactory.ParseString("""
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            """));

    public CompactDequeMailboxTests(ITestOutputHelper output) : base(TestConfig, output: output)
    {
    }

    [Fact]
    public void A_persistent_actor_runs_on_the_compact_queue()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StashingJournal("pid-1", null)).WithMailbox(CompactDequeMailbox.Id));
        actor.Tell("recovered?"); // a reply means the cell has started (until then it is an UnstartedCell)
        ExpectMsg<List<int>>();
        Assert.IsType<CompactDequeMessageQueue>(((ActorCell)((ActorRefWithCell)actor).Underlying).Mailbox!.MessageQueue);
    }

    [Fact]
    public void Stashed_messages_come_back_in_order_before_later_ones_and_persist_in_that_order()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StashingJournal("pid-2", TestActor)).WithMailbox(CompactDequeMailbox.Id));
        actor.Tell("close");
        ExpectMsg("closed");
        for (var i = 0; i < 20; i++) actor.Tell(i);
        actor.Tell("open"); // unstashes 0..19, which must be handled before 20..39 sent after it
        for (var i = 20; i < 40; i++) actor.Tell(i);

        for (var i = 0; i < 40; i++) ExpectMsg(i);

        // The events were persisted in that order too: a new incarnation recovers them so.
        actor.Tell(PoisonPill.Instance);
        Watch(actor);
        ExpectTerminated(actor);
        var again = Sys.ActorOf(Props.Create(() => new StashingJournal("pid-2", TestActor)).WithMailbox(CompactDequeMailbox.Id));
        again.Tell("recovered?");
        Assert.Equal(Enumerable.Range(0, 40).ToList(), ExpectMsg<List<int>>());
    }

    [Fact]
    public void Messages_sent_during_recovery_wait_in_the_internal_stash_and_arrive_in_order()
    {
        var first = Sys.ActorOf(Props.Create(() => new StashingJournal("pid-3", TestActor)).WithMailbox(CompactDequeMailbox.Id));
        for (var i = 0; i < 50; i++) first.Tell(i);
        for (var i = 0; i < 50; i++) ExpectMsg(i);
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        // Sent right after creation: they arrive while the actor recovers 50 events and are stashed by Akka.Persistence.
        var again = Sys.ActorOf(Props.Create(() => new StashingJournal("pid-3", TestActor)).WithMailbox(CompactDequeMailbox.Id));
        for (var i = 50; i < 60; i++) again.Tell(i);
        for (var i = 50; i < 60; i++) ExpectMsg(i);
    }

    /// <summary>Persists every int it gets while open and stashes it while closed; replies with each one persisted.</summary>
    private sealed class StashingJournal : UntypedPersistentActor
    {
        private readonly IActorRef? _probe;
        private readonly List<int> _recovered = [];
        private bool _open = true;

        public StashingJournal(string persistenceId, IActorRef? probe)
        {
            PersistenceId = persistenceId;
            _probe = probe;
        }

        public override string PersistenceId { get; }

        protected override void OnRecover(object message)
        {
            if (message is int n) _recovered.Add(n);
        }

        protected override void OnCommand(object message)
        {
            switch (message)
            {
                case "close":
                    _open = false;
                    Sender.Tell("closed");
                    break;
                case "open":
                    _open = true;
                    Stash.UnstashAll();
                    break;
                case "recovered?":
                    Sender.Tell(_recovered.ToList());
                    break;
                case int when !_open:
                    Stash.Stash();
                    break;
                case int n:
                    Persist(n, persisted => _probe?.Tell(persisted));
                    break;
            }
        }
    }
}
