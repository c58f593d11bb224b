using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ActorSupervisor.Hocon;

/// <summary>
/// An immutable object: fields in the order they were first written. The root of a configuration is a
/// <see cref="HoconObject"/>; read settings with the path getters (<see cref="GetString"/>,
/// <see cref="GetDuration"/>, ...), which report the setting's file, line and path when a value is bad.
/// </summary>
public sealed partial class HoconObject : HoconValue, IReadOnlyDictionary<string, HoconValue>
{
    private readonly Dictionary<string, HoconValue> _fields;
    private readonly string[] _keys;

    /// <summary>Creates an object; a repeated key keeps its first place and its last value.</summary>
    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, HoconPosition position)
        : base(position)
    {
        _fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var (key, value) in fields)
        {
            if (!_fields.ContainsKey(key))
            {
                keys.Add(key);
            }
            _fields[key] = value;
        }
        _keys = keys.ToArray();
    }

    /// <summary>The field's value; throws <see cref="KeyNotFoundException"/> when absent (use <see cref="TryGetValue"/>).</summary>
    public HoconValue this[string key] => _fields[key];

    /// <summary>The keys in the order they were first written.</summary>
    public IEnumerable<string> Keys => _keys;

    /// <summary>The values in key order.</summary>
    public IEnumerable<HoconValue> Values => _keys.Select(k => _fields[k]);

    /// <summary>The number of fields.</summary>
    public int Count => _keys.Length;

    /// <inheritdoc />
    public override string KindName => "object";

    /// <summary>Whether the object has a field with this key (a single key, not a path).</summary>
    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    /// <summary>Gets a field by key (a single key, not a path).</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) => _fields.TryGetValue(key, out value);

    /// <summary>The fields in key order.</summary>
    public IEnumerator<KeyValuePair<string, HoconValue>> GetEnumerator() =>
        _keys.Select(k => new KeyValuePair<string, HoconValue>(k, _fields[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private protected override string? ScalarText() => null;
}
