namespace ActorSupervisor.Hocon.Tree;

// The unresolved tree the parser builds and the resolver reads. Only UObject is ever changed after it
// is built, and only while the parser owns it: a node captured by a self-referential substitution is
// marked Frozen and copied before any later change (see TreeMerge).

internal enum ResolveState : byte
{
    NotStarted,
    InProgress,
    Done,
}

internal abstract class Node(HoconPosition position)
{
    public HoconPosition Position { get; set; } = position;

    public ResolveState State { get; set; }

    /// <summary>The resolved value once <see cref="State"/> is Done; null means "undefined" (a missing <c>${?x}</c>).</summary>
    public HoconValue? Resolved { get; set; }

    /// <summary>Whether the node has a JSON type known without resolving (a scalar or an array literal).</summary>
    public bool IsPlainNonObject => this is UScalar or UArray;
}

/// <summary>A scalar literal: already resolved.</summary>
internal sealed class UScalar : Node
{
    public UScalar(HoconScalar value) : base(value.Position)
    {
        Value = value;
        Resolved = value;
        State = ResolveState.Done;
    }

    public HoconScalar Value { get; }
}

/// <summary>Unquoted whitespace between parts of a value concatenation.</summary>
internal sealed class UWhitespace(string text, HoconPosition position) : Node(position)
{
    public string Text { get; } = text;
}

internal sealed class UObject(HoconPosition position) : Node(position)
{
    private readonly FieldList<Node> _fields = new();

    public bool Frozen { get; set; }

    public int Count => _fields.Count;

    public KeyValuePair<string, Node> this[int position] => _fields[position];

    public Node? Get(string key) => _fields.TryGet(key, out var value) ? value : null;

    public void Set(string key, Node value) => _fields.Set(key, value);

    /// <summary>An owned copy of a frozen object; its child objects become frozen because the original still shares them.</summary>
    public UObject CopyOwned()
    {
        var copy = new UObject(Position);
        for (var i = 0; i < Count; i++)
        {
            copy.Set(this[i].Key, Freeze(this[i].Value));
        }
        return copy;
    }

    public static Node Freeze(Node node)
    {
        if (node is UObject obj)
        {
            obj.Frozen = true;
        }
        return node;
    }
}

internal sealed class UArray(List<Node> items, HoconPosition position) : Node(position)
{
    public List<Node> Items { get; } = items;
}

/// <summary><c>${path}</c> looked up in the whole tree after parsing.</summary>
internal sealed class USubstitution(string[] path, bool optional, string written, HoconPosition position) : Node(position)
{
    public string[] Path { get; } = path;

    public bool Optional { get; } = optional;

    /// <summary>The path as written, also the environment variable name tried when no setting matches.</summary>
    public string Written { get; } = written;

    public override string ToString() => Optional ? $"${{?{Written}}}" : $"${{{Written}}}";
}

/// <summary>
/// A substitution that refers to the field being defined (or a path around it), bound at parse time to the
/// value the field had before this definition; <see cref="Earlier"/> is null when there was none.
/// </summary>
internal sealed class USelfReference(USubstitution written, Node? earlier) : Node(written.Position)
{
    public USubstitution Written { get; } = written;

    public Node? Earlier { get; } = earlier;
}

/// <summary>The value at <see cref="Rest"/> inside whatever <see cref="Source"/> resolves to.</summary>
internal sealed class UPathInto(Node source, string[] rest) : Node(source.Position)
{
    public Node Source { get; } = source;

    public string[] Rest { get; } = rest;
}

/// <summary>A value concatenation with at least one part that needs resolving.</summary>
internal sealed class UConcat(List<Node> parts, HoconPosition position) : Node(position)
{
    public List<Node> Parts { get; } = parts;
}

/// <summary>Definitions of one key in order, merged after resolving (objects merge, others replace).</summary>
internal sealed class UMerge(List<Node> parts) : Node(parts[^1].Position)
{
    public List<Node> Parts { get; } = parts;

    public static UMerge Of(Node earlier, Node later) =>
        new(earlier is UMerge merge ? [.. merge.Parts, later] : [earlier, later]);
}
