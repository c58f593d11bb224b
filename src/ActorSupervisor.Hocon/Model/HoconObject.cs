using System.Collections;
using System.Diagnostics.CodeAnalysis;
using ActorSupervisor.Hocon.Tree;

namespace ActorSupervisor.Hocon;

/// <summary>
/// An immutable object: fields in the order they were first written. The root of a configuration is a
/// <see cref="HoconObject"/>; read settings with the path getters (<see cref="GetString"/>,
/// <see cref="GetDuration"/>, ...), which report the setting's file, line and path when a value is bad.
/// </summary>
public sealed partial class HoconObject : HoconValue, IReadOnlyDictionary<string, HoconValue>
{
    private readonly FieldList<HoconValue> _fields;

    /// <summary>Creates an object; a repeated key keeps its first place and its last value.</summary>
    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, HoconPosition position)
        : base(position)
    {
        _fields = new FieldList<HoconValue>();
        foreach (var (key, value) in fields)
        {
            _fields.Set(key, value);
        }
    }

    /// <summary>Takes ownership of a field list built by the resolver.</summary>
    internal HoconObject(FieldList<HoconValue> fields, HoconPosition position)
        : base(position) => _fields = fields;

    /// <summary>The field's value; throws <see cref="KeyNotFoundException"/> when absent (use <see cref="TryGetValue"/>).</summary>
    public HoconValue this[string key] =>
        _fields.TryGet(key, out var value) ? value : throw new KeyNotFoundException($"no field '{key}'");

    /// <summary>The keys in the order they were first written.</summary>
    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    /// <summary>The values in key order.</summary>
    public IEnumerable<HoconValue> Values => this.Select(pair => pair.Value);

    /// <summary>The number of fields.</summary>
    public int Count => _fields.Count;

    /// <inheritdoc />
    public override string KindName => "object";

    /// <summary>Whether the object has a field with this key (a single key, not a path).</summary>
    public bool ContainsKey(string key) => _fields.TryGet(key, out _);

    /// <summary>Gets a field by key (a single key, not a path).</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) => _fields.TryGet(key, out value);

    /// <summary>The fields in key order.</summary>
    public IEnumerator<KeyValuePair<string, HoconValue>> GetEnumerator()
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            yield return _fields[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private protected override string? ScalarText() => null;
}
