using ActorSupervisor.Actors.Internal;
using ActorSupervisor.Actors.Persistence;
using FsCheck;
using FsCheck.Fluent;

namespace ActorSupervisor.Actors.Tests;

public sealed class PropertyTests
{
    [Fact]
    public void The_mailbox_queue_behaves_like_a_fifo_queue() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(-3, 10)).ToArbitrary(), ops =>
        {
            var queue = new MpscQueue();
            var model = new Queue<int>();
            foreach (var op in ops)
            {
                if (op > 0)
                {
                    queue.Enqueue(op, null);
                    model.Enqueue(op);
                }
                else
                {
                    var took = queue.TryDequeue(out var message, out _);
                    if (took != model.TryDequeue(out var expected) || (took && (int)message != expected)) return false;
                }
                if (queue.HasMessages != model.Count > 0) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void The_in_memory_journal_keeps_its_contract_under_any_writes_and_deletes() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(-4, 3)).ToArbitrary(), ops =>
        {
            var journal = new InMemoryJournal();
            long highest = 0, deletedTo = 0;
            foreach (var op in ops)
            {
                if (op > 0)
                {
                    var events = Enumerable.Range(1, op)
                        .Select(i => new PersistentRepr("p", highest + i, $"e{highest + i}", "w", DateTimeOffset.UnixEpoch, [])).ToList();
                    var results = journal.WriteMessagesAsync([new AtomicWrite(events)]).Result;
                    if (results[0] is not null) return false;
                    highest += op;
                }
                else
                {
                    var to = highest + op; // op <= 0: delete up to a little below the highest
                    journal.DeleteMessagesToAsync("p", to).Wait();
                    deletedTo = Math.Max(deletedTo, Math.Max(to, 0));
                }
                if (journal.ReadHighestSequenceNrAsync("p", 0).Result != highest) return false;
                var replayed = new List<long>();
                journal.ReplayMessagesAsync("p", 1, long.MaxValue, long.MaxValue, r => replayed.Add(r.SequenceNr)).Wait();
                if (!replayed.SequenceEqual(Enumerable.Range((int)deletedTo + 1, (int)(highest - deletedTo)).Select(n => (long)n))) return false;
            }
            var stale = journal.WriteMessagesAsync([new AtomicWrite([new PersistentRepr("p", highest, "again", "w2", DateTimeOffset.UnixEpoch, [])])]).Result;
            return highest == 0 || stale[0] is InvalidOperationException; // a second writer reusing a number is rejected
        }).QuickCheckThrowOnFailure();
}
