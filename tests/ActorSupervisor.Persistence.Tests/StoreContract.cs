using System.Diagnostics;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Persistence;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorSupervisor.Persistence.Tests;

/// <summary>
/// What the supervision layer relies on from Akka.Persistence.Sql with our settings, run on each backend.
/// Every test gets a fresh store and actor system.
/// </summary>
public abstract class StoreContract : Akka.TestKit.Xunit2.TestKit
{
    // The first write into a fresh database also sets the journal up (its tables, its first queries): 7 s on an idle
    // machine here with eight writers at once, past 20 s once on CI's two loaded cores.
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(60);
    private readonly ITestOutputHelper _output;

    protected StoreContract(StoreSettings settings, ITestOutputHelper output)
        : base(settings.ToActorSystemSetup(ConfigurationFactory.ParseString("akka.loglevel = WARNING")), null, output)
    {
        Settings = settings;
        _output = output;
        EventLog = new ContainerEventLog(Sys, settings);
    }

    protected StoreSettings Settings { get; }

    protected ContainerEventLog EventLog { get; }

    protected string Backend => Settings.Kind.ToString();

    [Fact]
    public async Task A_persistent_actor_recovers_the_events_it_persisted()
    {
        var events = Events(3);
        await WriteAsync("container-a", events);

        var recovered = await RecoverAsync("container-a");

        Assert.Equal(events.Select(Json), recovered.Events.Select(Json));
        Assert.Null(recovered.Snapshot);
    }

    [Fact]
    public async Task A_snapshot_is_offered_on_recovery_with_the_events_after_it()
    {
        await WriteAsync("container-s", Events(2));
        var state = ContainerState.Replay(Events(2));
        var writer = Sys.ActorOf(TestWriter.Props("container-s"));
        Assert.Equal(2L, await writer.Ask<long>(new TestWriter.TakeSnapshot(state), Ask));
        var after = new ContainerEvent.Stopped(SampleEvents.At.AddSeconds(9));
        Assert.Equal(3L, (await writer.Ask<TestWriter.Written>(new TestWriter.Write([after]), Ask)).LastSequenceNr);
        await StopAsync(writer);

        var recovered = await RecoverAsync("container-s");

        Assert.NotNull(recovered.Snapshot);
        Assert.Equal(2L, recovered.SnapshotSequenceNr);
        Assert.Equal(ContainerStatus.Running, recovered.Snapshot.Status);
        Assert.Equal("web", recovered.Snapshot.Spec?.Name);
        Assert.Equal([after], recovered.Events);
    }

    [Fact]
    public async Task The_live_container_ids_leave_out_removed_containers_and_other_streams()
    {
        Assert.Empty(await EventLog.ReadLiveContainerIdsAsync(default));
        await WriteAsync(ContainerPersistenceIds.Of("kept"), Events(2));
        await WriteAsync(ContainerPersistenceIds.Of("gone"), [.. Events(2), new ContainerEvent.Destroyed(SampleEvents.At.AddSeconds(5))]);
        await WriteAsync(ContainerPersistenceIds.Of("back"), [new ContainerEvent.Destroyed(SampleEvents.At), .. Events(1)]);
        await WriteAsync("shard-7", Events(1));

        Assert.Equal(["back", "kept"], (await EventLog.ReadLiveContainerIdsAsync(default)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_log_reads_a_stream_the_whole_journal_after_an_offset_and_the_highest_offset()
    {
        Assert.Equal(0L, await EventLog.ReadHighestOffsetAsync(default));
        await WriteAsync("container-a", Events(3));
        await WriteAsync("container-b", Events(2));
        await WriteAsync("container-a", [new ContainerEvent.Paused(SampleEvents.At.AddMinutes(1))]);

        var history = await EventLog.ReadEventsAsync("container-a", 1, 100, default);
        Assert.Equal([1L, 2L, 3L, 4L], history.Select(e => e.SequenceNr));
        Assert.IsType<ContainerEvent.Paused>(history[^1].Event);
        Assert.Equal([3L, 4L], (await EventLog.ReadEventsAsync("container-a", 3, 100, default)).Select(e => e.SequenceNr));
        Assert.Single(await EventLog.ReadEventsAsync("container-a", 1, 1, default));
        Assert.All(history, e => Assert.InRange(e.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1)));

        var all = await EventLog.ReadAllAsync(0, 100, default);
        Assert.Equal(6, all.Count);
        Assert.Equal(all.Select(e => e.Offset).Order(), all.Select(e => e.Offset));
        Assert.Equal(all.Count, all.Select(e => e.Offset).Distinct().Count());
        Assert.Equal(["container-a", "container-a", "container-a", "container-b", "container-b", "container-a"], all.Select(e => e.PersistenceId));
        Assert.Equal(all[^1].Offset, await EventLog.ReadHighestOffsetAsync(default));

        // The offset is exclusive: reading after an event's offset starts with the next one.
        var rest = await EventLog.ReadAllAsync(all[2].Offset, 100, default);
        Assert.Equal(all.Skip(3).Select(e => e.Offset), rest.Select(e => e.Offset));
        Assert.Equal(all.Skip(3).Take(2).Select(e => e.Offset), (await EventLog.ReadAllAsync(all[2].Offset, 2, default)).Select(e => e.Offset));
        Assert.Empty(await EventLog.ReadAllAsync(all[^1].Offset, 100, default));
    }

    [Fact]
    public async Task A_subscriber_sees_history_then_a_new_event_quickly_and_resuming_repeats_nothing()
    {
        await WriteAsync("container-a", Events(2));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var feed = EventLog.SubscribeAsync(0, cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await feed.MoveNextAsync());
        var first = feed.Current;
        Assert.True(await feed.MoveNextAsync());
        var second = feed.Current;
        Assert.Equal([1L, 2L], new[] { first.SequenceNr, second.SequenceNr });

        var next = feed.MoveNextAsync().AsTask();
        await Task.Delay(300); // the reader is idle, waiting for a signal
        Assert.False(next.IsCompleted);
        await WriteAsync("container-b", [new ContainerEvent.Stopped(SampleEvents.At)]);
        var clock = Stopwatch.StartNew();
        EventLog.NotifyWritten();
        Assert.True(await next);
        clock.Stop();
        _output.WriteLine($"{Backend}: subscriber saw the event {clock.Elapsed.TotalMilliseconds:F1} ms after NotifyWritten");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        var third = feed.Current;
        Assert.Equal("container-b", third.PersistenceId);
        Assert.IsType<ContainerEvent.Stopped>(third.Event);
        Assert.True(third.Offset > second.Offset);

        // Without a signal, the safety timer still finds a write (as from another node).
        await WriteAsync("container-b", [new ContainerEvent.Destroyed(SampleEvents.At)]);
        Assert.True(await feed.MoveNextAsync());
        Assert.IsType<ContainerEvent.Destroyed>(feed.Current.Event);
        var fourth = feed.Current;

        await using var resumed = EventLog.SubscribeAsync(second.Offset, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await resumed.MoveNextAsync());
        Assert.Equal(third.Offset, resumed.Current.Offset);
        Assert.True(await resumed.MoveNextAsync());
        Assert.Equal(fourth.Offset, resumed.Current.Offset);
        var none = resumed.MoveNextAsync().AsTask();
        Assert.NotSame(none, await Task.WhenAny(none, Task.Delay(1500)));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => none);
    }

    [Fact]
    public async Task Many_writers_reach_the_subscriber_in_offset_order_without_gaps_or_repeats()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var seen = new List<StoredEvent>();
        const int writers = 8, perWriter = 5;
        var reader = Task.Run(async () =>
        {
            await foreach (var e in EventLog.SubscribeAsync(0, cts.Token))
            {
                seen.Add(e);
                if (seen.Count == writers * perWriter) return;
            }
        });
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                await WriteAsync($"container-w{w}", [new ContainerEvent.Paused(SampleEvents.At.AddSeconds(i))]);
                EventLog.NotifyWritten();
            }
        }));
        await reader.WaitAsync(cts.Token);

        Assert.Equal(seen.Select(e => e.Offset).Order(), seen.Select(e => e.Offset));
        Assert.Equal(seen.Count, seen.Select(e => e.Offset).Distinct().Count());
        Assert.Equal((await EventLog.ReadAllAsync(0, 1000, default)).Select(e => e.Offset), seen.Select(e => e.Offset));
        foreach (var w in Enumerable.Range(0, writers))
            Assert.Equal([1L, 2L, 3L, 4L, 5L], seen.Where(e => e.PersistenceId == $"container-w{w}").Select(e => e.SequenceNr));
    }

    // Events holding a spec hold dictionaries, which records compare by reference: compare the stored JSON.
    private string Json(object value) => System.Text.Encoding.UTF8.GetString(Sys.Serialization.Serialize(value));

    protected static List<ContainerEvent> Events(int count) =>
    [
        .. new ContainerEvent[]
        {
            new ContainerEvent.Created(SampleEvents.At, SampleEvents.Spec),
            new ContainerEvent.Started(SampleEvents.At.AddSeconds(1), "77", 77, 5, false),
            new ContainerEvent.Died(SampleEvents.At.AddSeconds(2), 3, TimeSpan.FromSeconds(1), false, null, true),
        }.Take(count),
    ];

    protected async Task WriteAsync(string persistenceId, IReadOnlyList<ContainerEvent> events)
    {
        var writer = Sys.ActorOf(TestWriter.Props(persistenceId));
        await writer.Ask<TestWriter.Written>(new TestWriter.Write(events), Ask);
        await StopAsync(writer);
    }

    private protected async Task<TestWriter.Recovered> RecoverAsync(string persistenceId)
    {
        var writer = Sys.ActorOf(TestWriter.Props(persistenceId));
        var recovered = await writer.Ask<TestWriter.Recovered>(new TestWriter.GetRecovered(), Ask);
        await StopAsync(writer);
        return recovered;
    }

    private static Task StopAsync(IActorRef actor) => actor.GracefulStop(TimeSpan.FromSeconds(10));

    protected override void AfterAll()
    {
        EventLog.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.AfterAll();
    }
}
