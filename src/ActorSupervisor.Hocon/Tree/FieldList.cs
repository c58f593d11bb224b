using System.Diagnostics.CodeAnalysis;

namespace ActorSupervisor.Hocon.Tree;

/// <summary>
/// Fields in insertion order. Most objects in a configuration have a handful of fields, so keys are
/// searched linearly and a dictionary index is built only once an object grows past a few fields.
/// </summary>
internal sealed class FieldList<T>
{
    private const int IndexFrom = 8;
    private readonly List<KeyValuePair<string, T>> _fields;
    private Dictionary<string, int>? _index;

    public FieldList(int capacity = 4) => _fields = new List<KeyValuePair<string, T>>(capacity);

    public int Count => _fields.Count;

    public KeyValuePair<string, T> this[int position] => _fields[position];

    public bool TryGet(string key, [MaybeNullWhen(false)] out T value)
    {
        var position = IndexOf(key);
        value = position < 0 ? default : _fields[position].Value;
        return position >= 0;
    }

    /// <summary>Replaces the value of an existing key in place, or appends a new key.</summary>
    public void Set(string key, T value)
    {
        var position = IndexOf(key);
        if (position >= 0)
        {
            _fields[position] = new(key, value);
            return;
        }
        _fields.Add(new(key, value));
        if (_index is not null)
        {
            _index[key] = _fields.Count - 1;
        }
        else if (_fields.Count > IndexFrom)
        {
            _index = new Dictionary<string, int>(_fields.Count * 2, StringComparer.Ordinal);
            for (var i = 0; i < _fields.Count; i++)
            {
                _index[_fields[i].Key] = i;
            }
        }
    }

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var position) ? position : -1;
        }
        for (var i = 0; i < _fields.Count; i++)
        {
            if (string.Equals(_fields[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
