using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Persistence.Sql.Tests.Support;
using static ActorSupervisor.Persistence.Sql.Tests.Support.Events;

namespace ActorSupervisor.Persistence.Sql.Tests.Contract;

public abstract partial class JournalContractTests
{
    private async Task SaveSnapshotsAsync(string pid, params long[] sequenceNrs)
    {
        foreach (var seq in sequenceNrs)
            await Store.SnapshotStore.SaveAsync(new SnapshotMetadata(pid, seq, Epoch.AddMinutes(seq)), new CartSnapshot([$"at-{seq}"], (int)seq));
    }

    [Fact]
    public async Task The_latest_snapshot_wins_and_round_trips()
    {
        await SaveSnapshotsAsync("cart", 10, 30, 20);

        var loaded = await Store.SnapshotStore.LoadAsync("cart", SnapshotSelectionCriteria.Latest);

        Assert.NotNull(loaded);
        Assert.Equal(new SnapshotMetadata("cart", 30, Epoch.AddMinutes(30)), loaded.Metadata);
        var snapshot = Assert.IsType<CartSnapshot>(loaded.Snapshot);
        Assert.Equal(["at-30"], snapshot.Items);
        Assert.Equal(30, snapshot.Version);
        Assert.Null(await Store.SnapshotStore.LoadAsync("other", SnapshotSelectionCriteria.Latest));
        Assert.Null(await Store.SnapshotStore.LoadAsync("cart", SnapshotSelectionCriteria.None));
    }

    [Fact]
    public async Task Snapshots_are_selected_by_sequence_number_and_timestamp_bounds()
    {
        await SaveSnapshotsAsync("cart", 10, 20, 30);

        var bySeq = await Store.SnapshotStore.LoadAsync("cart", new SnapshotSelectionCriteria(MaxSequenceNr: 25));
        var byTime = await Store.SnapshotStore.LoadAsync("cart", new SnapshotSelectionCriteria(MaxTimestamp: Epoch.AddMinutes(10)));
        var byMin = await Store.SnapshotStore.LoadAsync("cart", new SnapshotSelectionCriteria(MaxSequenceNr: 25, MinTimestamp: Epoch.AddMinutes(21)));

        Assert.Equal(20, bySeq?.Metadata.SequenceNr);
        Assert.Equal(10, byTime?.Metadata.SequenceNr);
        Assert.Null(byMin);
    }

    [Fact]
    public async Task Saving_the_same_metadata_again_replaces_the_snapshot()
    {
        var metadata = new SnapshotMetadata("cart", 5, Epoch);
        await Store.SnapshotStore.SaveAsync(metadata, new CartSnapshot(["first"], 1));
        await Store.SnapshotStore.SaveAsync(metadata, new CartSnapshot(["second"], 2));

        var loaded = await Store.SnapshotStore.LoadAsync("cart", SnapshotSelectionCriteria.Latest);

        Assert.Equal(["second"], Assert.IsType<CartSnapshot>(loaded!.Snapshot).Items);
    }

    [Fact]
    public async Task Snapshots_are_deleted_one_by_one_or_by_criteria()
    {
        await SaveSnapshotsAsync("cart", 10, 20, 30, 40);

        await Store.SnapshotStore.DeleteAsync(new SnapshotMetadata("cart", 40, Epoch));
        var afterOne = await Store.SnapshotStore.LoadAsync("cart", SnapshotSelectionCriteria.Latest);
        await Store.SnapshotStore.DeleteAsync("cart", new SnapshotSelectionCriteria(MaxSequenceNr: 20));
        var remaining = await Store.SnapshotStore.LoadAsync("cart", new SnapshotSelectionCriteria(MaxSequenceNr: 29));

        Assert.Equal(30, afterOne?.Metadata.SequenceNr);
        Assert.Null(remaining);
        Assert.Equal(30, (await Store.SnapshotStore.LoadAsync("cart", SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);
    }

    [Fact]
    public async Task The_latest_snapshots_of_many_ids_load_in_bulk()
    {
        for (var i = 0; i < 12; i++) await SaveSnapshotsAsync($"bulk-{i}", Enumerable.Range(1, i % 3 + 1).Select(n => (long)n * 10).ToArray());

        var latest = await Store.SnapshotStore.LoadLatestManyAsync([.. Enumerable.Range(0, 12).Select(i => $"bulk-{i}"), "none"], chunkSize: 5);

        Assert.Equal(12, latest.Count);
        Assert.Equal(10, latest["bulk-0"].Metadata.SequenceNr);
        Assert.Equal(30, latest["bulk-11"].Metadata.SequenceNr);
        Assert.Equal(20, Assert.IsType<CartSnapshot>(latest["bulk-7"].Snapshot).Version);
    }
}
