using ActorSupervisor.Hocon.Tree;

namespace ActorSupervisor.Hocon.Syntax;

internal sealed partial class Parser
{
    private Node ParseSubstitution(string[] fieldPath)
    {
        var start = Peek;
        _i++;
        SkipSpace();
        if (Peek.Kind == TokenKind.CloseBrace)
        {
            throw Error(Peek, "empty substitution: expected a path such as ${a.b}");
        }
        var written = KeyPaths.Read(_tokens, ref _i, _file);
        SkipSpace();
        if (Peek.Kind != TokenKind.CloseBrace)
        {
            throw Error(Peek, $"expected '}}' to close the substitution {start.Text}{HoconPath.Render(written)}, found {Peek.Describe()}");
        }
        _i++;
        // Paths in an included file are relative to where it is included.
        string[] path = _substitutionPrefix.Length == 0 ? written : [.. _substitutionPrefix, .. written];
        var substitution = new USubstitution(path, start.Optional, HoconPath.Render(written), start.At(_file));
        return Overlaps(path, fieldPath) ? SelfReference(substitution) : substitution;
    }

    /// <summary>
    /// Whether a substitution is about the field being defined: one path is a prefix of the other. Such a
    /// substitution sees the value defined before this field, not the final one (which would be a cycle).
    /// </summary>
    private static bool Overlaps(string[] substitution, string[] field)
    {
        var common = Math.Min(substitution.Length, field.Length);
        for (var i = 0; i < common; i++)
        {
            if (!string.Equals(substitution[i], field[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private USelfReference SelfReference(USubstitution substitution) =>
        new(substitution, EarlierValue(substitution.Path));

    /// <summary>
    /// What <paramref name="path"/> holds right now: the tree so far plus the object literals still open
    /// around it, each merged over the one that encloses it, as they will be when they close. Literals at
    /// the path or inside it are the new definition itself, so they do not count.
    /// </summary>
    private Node? EarlierValue(string[] path)
    {
        Node? value = null;
        foreach (var frame in _context.Frames)
        {
            if (!frame.Addressable || frame.Path.Length >= path.Length)
            {
                continue;
            }
            if (TreeMerge.TryCapture(frame.Object, path, frame.Path.Length, out var contribution))
            {
                value = contribution is null || value is null ? contribution : TreeMerge.MergeCaptured(value, contribution);
            }
        }
        return value;
    }
}
