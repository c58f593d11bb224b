namespace ActorSupervisor.Hocon;

/// <summary>A string, number, boolean or null, with the text it was written as.</summary>
public sealed class HoconScalar : HoconValue
{
    /// <summary>Creates a scalar; numbers keep the text they were written as (<c>1e5</c> stays <c>1e5</c>).</summary>
    public HoconScalar(HoconScalarKind kind, string? text, HoconPosition position)
        : base(position)
    {
        Kind = kind;
        Text = kind == HoconScalarKind.Null ? null : text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>The scalar's JSON type.</summary>
    public HoconScalarKind Kind { get; }

    /// <summary>The text: the string itself, the number as written, <c>true</c>/<c>false</c>; null for null.</summary>
    public string? Text { get; }

    /// <inheritdoc />
    public override string KindName => Kind switch
    {
        HoconScalarKind.String => "string",
        HoconScalarKind.Number => "number",
        HoconScalarKind.Boolean => "boolean",
        _ => "null",
    };

    private protected override string? ScalarText() => Text;

    /// <summary>The text, or <c>null</c> for null.</summary>
    public override string ToString() => Text ?? "null";
}
