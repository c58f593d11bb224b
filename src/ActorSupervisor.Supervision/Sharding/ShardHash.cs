using System.Text;

namespace ActorSupervisor.Supervision.Sharding;

/// <summary>
/// Maps an entity id to its shard with 32-bit FNV-1a over the id's UTF-8 bytes: the same shard on every node,
/// process and .NET version (unlike <c>string.GetHashCode</c>, which is randomized per process).
/// </summary>
public static class ShardHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The shard of <paramref name="entityId"/> among <paramref name="shardCount"/> shards.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shard count is not positive.</exception>
    public static int ShardOf(string entityId, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardCount);
        return (int)(Fnv1a(entityId) % (uint)shardCount);
    }

    /// <summary>32-bit FNV-1a of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static uint Fnv1a(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
        var hash = OffsetBasis;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }
}
