using ActorSupervisor.Hocon.Tree;

namespace ActorSupervisor.Hocon.Syntax;

/// <summary>
/// An object literal being filled: its absolute path, and whether that path addresses it (objects inside
/// arrays have no path, so a self-reference never sees them).
/// </summary>
internal sealed class Frame(UObject obj, string[] path, bool addressable)
{
    public UObject Object { get; set; } = obj;

    public string[] Path { get; } = path;

    public bool Addressable { get; } = addressable;

    /// <summary>The object, copied first if a self-reference captured it.</summary>
    public UObject Owned()
    {
        if (Object.Frozen)
        {
            Object = Object.CopyOwned();
        }
        return Object;
    }
}

/// <summary>State shared by the parser of a file and the parsers of the files it includes.</summary>
internal sealed class ParseContext(HoconReaderOptions options)
{
    public const int MaxDepth = 128;

    public HoconReaderOptions Options { get; } = options;

    /// <summary>The object literals open right now, outermost first.</summary>
    public List<Frame> Frames { get; } = [];

    /// <summary>Full paths of the files being parsed, outermost first, to report include cycles.</summary>
    public List<string> Files { get; } = [];

    /// <summary>Objects and arrays open right now.</summary>
    public int Depth { get; set; }

    /// <summary>Levels added by the dotted keys of the fields being parsed (<c>a.b.c</c> adds two).</summary>
    public int KeyDepth { get; set; }
}
