namespace ActorSupervisor.Hocon;

/// <summary>The JSON type of a scalar value.</summary>
public enum HoconScalarKind
{
    /// <summary>A quoted or unquoted string, or a value concatenation.</summary>
    String,

    /// <summary>A number, kept as written.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary><c>null</c>.</summary>
    Null,
}
