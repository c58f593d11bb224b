using System.Globalization;

namespace ActorSupervisor.Hocon;

/// <summary>
/// A resolved HOCON value: an object, an array or a scalar. Values are immutable and each knows the
/// position in its file where it was written, so a caller that finds a value unusable can say where it is.
/// </summary>
public abstract class HoconValue
{
    private protected HoconValue(HoconPosition position) => Position = position;

    /// <summary>Where the value was written (for a merged object: its latest definition).</summary>
    public HoconPosition Position { get; }

    /// <summary>The value as text: strings as they are, numbers as written, booleans as <c>true</c>/<c>false</c>.</summary>
    /// <exception cref="HoconException">The value is null, an object or an array.</exception>
    public string AsString() => ScalarText() ?? throw Mismatch("a string");

    /// <summary>The value as a 32-bit whole number (a number, or a string holding one).</summary>
    /// <exception cref="HoconException">The value is not a whole number in range.</exception>
    public int AsInt() => Parse((string t, out int v) => int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v), "a whole number (32-bit)");

    /// <summary>The value as a 64-bit whole number (a number, or a string holding one).</summary>
    /// <exception cref="HoconException">The value is not a whole number in range.</exception>
    public long AsLong() => Parse((string t, out long v) => long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v), "a whole number (64-bit)");

    /// <summary>The value as a floating-point number (a number, or a string holding one).</summary>
    /// <exception cref="HoconException">The value is not a number.</exception>
    public double AsDouble() => Parse((string t, out double v) => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v), "a number");

    /// <summary>The value as a boolean: <c>true</c>/<c>false</c>, <c>yes</c>/<c>no</c> or <c>on</c>/<c>off</c>.</summary>
    /// <exception cref="HoconException">The value is none of these.</exception>
    public bool AsBool() => Parse<bool>(HoconBoolean.TryParse, "a boolean (true/false, yes/no, on/off)");

    /// <summary>
    /// The value as a duration: a bare number is milliseconds, a string is a number and a unit
    /// (<c>100ms</c>, <c>30 s</c>, <c>5m</c>, <c>1.5h</c>; see <see cref="HoconDuration"/>).
    /// </summary>
    /// <exception cref="HoconException">The value is not a duration.</exception>
    public TimeSpan AsDuration() => Convert(HoconDuration.Parse, "a duration");

    /// <summary>
    /// The value as a size in bytes: a bare number is bytes, a string is a number and a unit
    /// (<c>512k</c>, <c>10MiB</c>, <c>1 GB</c>; see <see cref="HoconSize"/>).
    /// </summary>
    /// <exception cref="HoconException">The value is not a size.</exception>
    public long AsBytes() => Convert(HoconSize.Parse, "a size in bytes");

    /// <summary>The value as an object.</summary>
    /// <exception cref="HoconException">The value is not an object.</exception>
    public HoconObject AsObject() => this as HoconObject ?? throw Mismatch("an object");

    /// <summary>The value as an array.</summary>
    /// <exception cref="HoconException">The value is not an array.</exception>
    public HoconArray AsArray() => this as HoconArray ?? throw Mismatch("an array");

    /// <summary>A short description of the value's kind for messages: object, array, string, number, boolean, null.</summary>
    public abstract string KindName { get; }

    private protected abstract string? ScalarText();

    private delegate bool TryParser<T>(string text, out T value);

    private T Parse<T>(TryParser<T> parse, string expected) =>
        ScalarText() is { } text && parse(text, out var value) ? value : throw Mismatch(expected);

    private T Convert<T>(Func<string, T> parse, string expected)
    {
        var text = ScalarText() ?? throw Mismatch(expected);
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new HoconException(Position, e.Message);
        }
    }

    private HoconException Mismatch(string expected) =>
        new(Position, $"expected {expected}, found {Describe()}");

    private string Describe() => ScalarText() is { } t ? $"{KindName} '{t}'" : KindName;
}
