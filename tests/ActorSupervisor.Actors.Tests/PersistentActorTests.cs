using ActorSupervisor.Actors;
using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.TestKit;

namespace ActorSupervisor.Actors.Tests;

public sealed class PersistentActorTests : TestKit.TestKit
{
    public PersistentActorTests()
        : base(new ActorSystemSettings { TimeProvider = new ManualTimeProvider(), Journal = new ControlledJournal() })
    {
    }

    private ControlledJournal Journal => (ControlledJournal)Sys.Settings.Journal;

    /// <summary>An append-only list of strings, reporting recovery steps to the probe.</summary>
    private sealed class Ledger(string id, IActorRef probe) : PersistentActor
    {
        private List<string> _entries = [];

        public override string PersistenceId => id;

        protected override bool ReceiveRecover(object message)
        {
            switch (message)
            {
                case SnapshotOffer offer:
                    _entries = [.. (string[])offer.Snapshot];
                    probe.Tell($"offer {string.Join(",", _entries)} at {offer.Metadata.SequenceNr}", null);
                    return true;
                case string entry:
                    _entries.Add(entry);
                    probe.Tell($"replay {entry} #{LastSequenceNr}", null);
                    return true;
                case RecoveryCompleted:
                    probe.Tell($"recovered {string.Join(",", _entries)}", null);
                    return true;
                default:
                    return false;
            }
        }

        protected override bool ReceiveCommand(object message)
        {
            switch (message)
            {
                case ("add", string entry):
                    Persist(entry, e =>
                    {
                        _entries.Add(e);
                        Sender.Tell($"added {e} #{LastSequenceNr}");
                    });
                    return true;
                case ("add-all", string[] entries):
                    PersistAll(entries, e => _entries.Add(e));
                    return true;
                case "get":
                    Sender.Tell(string.Join(",", _entries));
                    return true;
                case "snap":
                    SaveSnapshot(_entries.ToArray());
                    return true;
                case ("delete", long to):
                    DeleteMessagesTo(to);
                    return true;
                case "boom":
                    throw new InvalidOperationException("boom");
                case ("add-later", string entry):
                    RunTask(async () =>
                    {
                        await Task.Yield();
                        Persist(entry, e =>
                        {
                            _entries.Add(e);
                            Sender.Tell($"added {e} #{LastSequenceNr}");
                        });
                    });
                    return true;
                case SaveSnapshotSuccess s:
                    probe.Tell($"snapshot at {s.Metadata.SequenceNr}", null);
                    return true;
                case DeleteMessagesSuccess d:
                    probe.Tell($"deleted to {d.ToSequenceNr}", null);
                    return true;
                default:
                    return false;
            }
        }
    }

    private IActorRef StartLedger(string id, string? expectRecovered = "")
    {
        var ledger = Sys.ActorOf(Props.Create(() => new Ledger(id, TestActor.Ref)));
        if (expectRecovered is not null) ExpectMsg($"recovered {expectRecovered}");
        return ledger;
    }

    private void Add(IActorRef ledger, string entry, long seq)
    {
        ledger.Tell(("add", entry), TestActor.Ref);
        ExpectMsg($"added {entry} #{seq}");
    }

    private void StopAndWait(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Commands_wait_while_an_event_is_being_written_and_handlers_run_after_it_is_durable()
    {
        var ledger = StartLedger("p1");
        Journal.Hold();
        ledger.Tell(("add", "a"), TestActor.Ref);
        ledger.Tell("get", TestActor.Ref);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // neither the handler nor the next command ran
        Journal.Release();
        ExpectMsg("added a #1");
        ExpectMsg("a");
    }

    [Fact]
    public void Recovery_replays_every_event_in_order_before_the_first_command()
    {
        var ledger = StartLedger("p2");
        Add(ledger, "a", 1);
        Add(ledger, "b", 2);
        ledger.Tell(("add-all", new[] { "c", "d" }), TestActor.Ref);
        ledger.Tell("get", TestActor.Ref);
        ExpectMsg("a,b,c,d");
        StopAndWait(ledger);

        var again = Sys.ActorOf(Props.Create(() => new Ledger("p2", TestActor.Ref)));
        again.Tell("get", TestActor.Ref); // sent before recovery finished: stashed until then
        ExpectMsg("replay a #1");
        ExpectMsg("replay b #2");
        ExpectMsg("replay c #3");
        ExpectMsg("replay d #4");
        ExpectMsg("recovered a,b,c,d");
        ExpectMsg("a,b,c,d");
        Add(again, "e", 5);
    }

    [Fact]
    public void Recovery_starts_from_the_newest_snapshot_and_replays_only_the_tail()
    {
        var ledger = StartLedger("p3");
        Add(ledger, "a", 1);
        Add(ledger, "b", 2);
        ledger.Tell("snap", null);
        ExpectMsg("snapshot at 2");
        Add(ledger, "c", 3);
        StopAndWait(ledger);

        StartLedger("p3", expectRecovered: null);
        ExpectMsg("offer a,b at 2");
        ExpectMsg("replay c #3");
        ExpectMsg("recovered a,b,c");
    }

    [Fact]
    public void Deleted_events_are_not_replayed_and_sequence_numbers_go_on()
    {
        var ledger = StartLedger("p4");
        Add(ledger, "a", 1);
        Add(ledger, "b", 2);
        Add(ledger, "c", 3);
        ledger.Tell(("delete", 2L), null);
        ExpectMsg("deleted to 2");
        StopAndWait(ledger);
        var again = StartLedger("p4", expectRecovered: null);
        ExpectMsg("replay c #3");
        ExpectMsg("recovered c");
        Add(again, "d", 4);
    }

    [Fact]
    public void A_failed_write_stops_the_actor_without_running_the_handler_and_logs_the_cause()
    {
        var ledger = StartLedger("p5");
        Watch(ledger);
        Journal.FailWritesWith = new IOException("disk on fire");
        ledger.Tell(("add", "a"), TestActor.Ref);
        ledger.Tell("get", TestActor.Ref);
        ExpectTerminated(ledger);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Contains(Logs.Entries, e => e.Exception is IOException { Message: "disk on fire" } && e.Message.Contains("p5"));
        Journal.FailWritesWith = null;
        StartLedger("p5", expectRecovered: ""); // nothing was written
    }

    [Fact]
    public void A_rejected_write_skips_the_handler_and_the_actor_goes_on()
    {
        var ledger = StartLedger("p6");
        Journal.RejectWritesWith = new FormatException("cannot serialize");
        ledger.Tell(("add", "a"), TestActor.Ref);
        ledger.Tell("get", TestActor.Ref);
        ExpectMsg("");
        Assert.Contains(Logs.Entries, e => e.Exception is FormatException);
    }

    [Fact]
    public void A_failed_recovery_stops_the_actor_and_logs_the_cause()
    {
        Journal.FailReplayWith = new IOException("journal unreachable");
        var ledger = StartLedger("p7", expectRecovered: null);
        Watch(ledger);
        ExpectTerminated(ledger);
        Assert.Contains(Logs.Entries, e => e.Exception is IOException { Message: "journal unreachable" } && e.Message.Contains("p7"));
    }

    [Fact]
    public void A_restart_recovers_the_state_from_the_journal()
    {
        var ledger = StartLedger("p8");
        Add(ledger, "a", 1);
        ledger.Tell("boom", null);
        ExpectMsg("replay a #1");
        ExpectMsg("recovered a");
        Add(ledger, "b", 2);
    }

    [Fact]
    public void Persist_after_an_await_in_an_async_handler_is_written_and_its_handler_runs_before_the_next_command()
    {
        var ledger = StartLedger("p9");
        ledger.Tell(("add-later", "a"), TestActor.Ref);
        ledger.Tell("get", TestActor.Ref);
        ExpectMsg("added a #1");
        ExpectMsg("a");
    }
}
