namespace ActorSupervisor.Hocon;

public sealed partial class HoconObject
{
    /// <summary>The value at a path such as <c>a.b."c.d"</c>, or null when there is none.</summary>
    /// <exception cref="ArgumentException">The path is not a valid path expression.</exception>
    public HoconValue? Find(string path) => Walk(HoconPath.Parse(path), out _);

    /// <summary>Whether a value (null included) exists at the path.</summary>
    public bool HasPath(string path) => Find(path) is not null;

    /// <summary>Where the value at the path was written; use it to report a value the program rejects.</summary>
    /// <exception cref="HoconException">There is no value at the path.</exception>
    public HoconPosition PositionOf(string path) => GetValue(path).Position;

    /// <summary>The value at the path.</summary>
    /// <exception cref="HoconException">There is no value at the path (positioned at the nearest object that exists).</exception>
    public HoconValue GetValue(string path) =>
        Walk(HoconPath.Parse(path), out var nearest) ?? throw new HoconException(nearest.Position, "is missing", path);

    /// <summary>The string at the path (numbers and booleans as written).</summary>
    public string GetString(string path) => Typed(path, v => v.AsString());

    /// <summary>The 32-bit whole number at the path.</summary>
    public int GetInt(string path) => Typed(path, v => v.AsInt());

    /// <summary>The 64-bit whole number at the path.</summary>
    public long GetLong(string path) => Typed(path, v => v.AsLong());

    /// <summary>The number at the path.</summary>
    public double GetDouble(string path) => Typed(path, v => v.AsDouble());

    /// <summary>The boolean at the path: <c>true</c>/<c>false</c>, <c>yes</c>/<c>no</c>, <c>on</c>/<c>off</c>.</summary>
    public bool GetBool(string path) => Typed(path, v => v.AsBool());

    /// <summary>The duration at the path (<c>100ms</c>, <c>30s</c>, <c>5 m</c>; a bare number is milliseconds).</summary>
    public TimeSpan GetDuration(string path) => Typed(path, v => v.AsDuration());

    /// <summary>The size in bytes at the path (<c>512k</c>, <c>10MiB</c>, <c>1GB</c>; a bare number is bytes).</summary>
    public long GetBytes(string path) => Typed(path, v => v.AsBytes());

    /// <summary>The object at the path.</summary>
    public HoconObject GetObject(string path) => Typed(path, v => v.AsObject());

    /// <summary>The array at the path.</summary>
    public HoconArray GetArray(string path) => Typed(path, v => v.AsArray());

    /// <summary>The array of strings at the path.</summary>
    public IReadOnlyList<string> GetStringList(string path) =>
        Typed(path, v => v.AsArray().Select(item => item.AsString()).ToArray());

    private T Typed<T>(string path, Func<HoconValue, T> convert)
    {
        var value = GetValue(path);
        try
        {
            return convert(value);
        }
        catch (HoconException e) when (e.Path is null)
        {
            throw new HoconException(e.Position, e.Reason, path);
        }
    }

    private HoconValue? Walk(IReadOnlyList<string> path, out HoconObject nearest)
    {
        nearest = this;
        HoconValue current = this;
        foreach (var key in path)
        {
            if (current is not HoconObject obj)
            {
                return null;
            }
            nearest = obj;
            if (!obj.TryGetValue(key, out var next))
            {
                return null;
            }
            current = next;
        }
        return current;
    }
}
