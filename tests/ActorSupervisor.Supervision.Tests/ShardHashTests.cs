using ActorSupervisor.Supervision.Sharding;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

public sealed class ShardHashTests
{
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Fnv1a_matches_the_published_test_vectors(string text, uint expected) => Assert.Equal(expected, ShardHash.Fnv1a(text));

    [Fact]
    public void Shards_are_stable_and_spread()
    {
        var ids = Enumerable.Range(0, 10_000).Select(i => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))).ToList();
        var shards = ids.Select(id => ShardHash.ShardOf(id, 100)).ToList();

        Assert.Equal(shards, ids.Select(id => ShardHash.ShardOf(id, 100)));
        Assert.All(shards, s => Assert.InRange(s, 0, 99));
        var perShard = shards.GroupBy(s => s).Select(g => g.Count()).ToList();
        Assert.Equal(100, perShard.Count);
        Assert.InRange(perShard.Max(), 100, 160);
    }

    [Fact]
    public void A_long_id_hashes_like_its_bytes()
    {
        var id = new string('x', 1000);
        Assert.Equal(ShardHash.Fnv1a(id), ShardHash.Fnv1a(id[..500] + id[500..]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardHash.ShardOf("x", 0));
    }
}
