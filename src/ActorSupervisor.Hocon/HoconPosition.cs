namespace ActorSupervisor.Hocon;

/// <summary>Where a value or an error is in a HOCON file: file name, 1-based line and 1-based column.</summary>
/// <param name="File">The file (or the origin name given for text that did not come from a file).</param>
/// <param name="Line">The line, counting from 1.</param>
/// <param name="Column">The column, counting from 1, in UTF-16 characters.</param>
public readonly record struct HoconPosition(string File, int Line, int Column)
{
    /// <summary>The position as <c>file:line:column</c>, the form compilers use, so editors can jump to it.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
