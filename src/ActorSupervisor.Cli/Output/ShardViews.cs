using System.Globalization;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Output;

/// <summary>What <c>sharding regions</c> and <c>sharding stats</c> print.</summary>
internal static class ShardViews
{
    private const string Unassigned = "(unassigned)";

    /// <summary>Which shards each node holds, as compact ranges (<c>0-31, 40</c>).</summary>
    public static void Regions(CliOutput output, ShardsView shards)
    {
        if (output.IsJson)
        {
            output.Json(shards, ApiJsonContext.Default.ShardsView);
            return;
        }
        output.Line($"{shards.ShardCount.ToString(CultureInfo.InvariantCulture)} shards:");
        var table = PlainTable.Create("NODE", "SHARDS", "SHARD IDS", "HANDING OFF");
        foreach (var region in ByOwner(shards))
        {
            var ids = region.Select(s => s.ShardId).Order().ToList();
            var handingOff = region.Count(s => s.Status == "handing-off");
            PlainTable.AddRow(table, region.Key, ids.Count.ToString(CultureInfo.InvariantCulture), Ranges(ids),
                handingOff.ToString(CultureInfo.InvariantCulture));
        }
        output.Render(table);
    }

    /// <summary>How many shards and containers each node holds; wide adds one row per shard.</summary>
    public static void Stats(CliOutput output, ShardsView shards)
    {
        if (output.IsJson)
        {
            output.Json(shards, ApiJsonContext.Default.ShardsView);
            return;
        }
        var table = PlainTable.Create("NODE", "SHARDS", "CONTAINERS");
        foreach (var region in ByOwner(shards))
            PlainTable.AddRow(table, region.Key, region.Count().ToString(CultureInfo.InvariantCulture),
                region.Sum(s => s.Containers).ToString(CultureInfo.InvariantCulture));
        PlainTable.AddRow(table, "total", shards.Shards.Count.ToString(CultureInfo.InvariantCulture),
            shards.Shards.Sum(s => s.Containers).ToString(CultureInfo.InvariantCulture));
        output.Render(table);
        if (!output.IsWide) return;
        output.Line("");
        var perShard = PlainTable.Create("SHARD", "OWNER", "STATUS", "EPOCH", "CONTAINERS", "LEASE EXPIRES");
        foreach (var s in shards.Shards.OrderBy(s => s.ShardId))
            PlainTable.AddRow(perShard, s.ShardId.ToString(CultureInfo.InvariantCulture), s.Owner ?? Unassigned, s.Status,
                s.Epoch.ToString(CultureInfo.InvariantCulture), s.Containers.ToString(CultureInfo.InvariantCulture), TextFormat.Time(s.LeaseExpiresAt));
        output.Render(perShard);
    }

    /// <summary>Sorted ids as ranges: 0,1,2,3,7 becomes "0-3, 7".</summary>
    public static string Ranges(IReadOnlyList<int> sortedIds)
    {
        var parts = new List<string>();
        for (var i = 0; i < sortedIds.Count;)
        {
            var start = sortedIds[i];
            var end = start;
            while (i + 1 < sortedIds.Count && sortedIds[i + 1] == end + 1) end = sortedIds[++i];
            parts.Add(start == end ? start.ToString(CultureInfo.InvariantCulture) : $"{start}-{end}");
            i++;
        }
        return string.Join(", ", parts);
    }

    private static IEnumerable<IGrouping<string, ShardInfo>> ByOwner(ShardsView shards) =>
        shards.Shards.GroupBy(s => s.Owner ?? Unassigned).OrderBy(g => g.Key, StringComparer.Ordinal);
}
