using System.Collections;

namespace ActorSupervisor.Hocon;

/// <summary>An immutable list of values.</summary>
public sealed class HoconArray : HoconValue, IReadOnlyList<HoconValue>
{
    private readonly HoconValue[] _items;

    /// <summary>Creates an array of the given values.</summary>
    public HoconArray(IEnumerable<HoconValue> items, HoconPosition position)
        : base(position) => _items = items.ToArray();

    /// <inheritdoc />
    public HoconValue this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public override string KindName => "array";

    /// <inheritdoc />
    public IEnumerator<HoconValue> GetEnumerator() => ((IEnumerable<HoconValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private protected override string? ScalarText() => null;
}
