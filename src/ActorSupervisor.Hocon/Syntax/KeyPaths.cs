using System.Text;

namespace ActorSupervisor.Hocon.Syntax;

/// <summary>
/// Reads a path expression (a key, or the inside of <c>${...}</c>): unquoted, quoted and number tokens and
/// the whitespace between them; '.' outside quotes separates elements.
/// </summary>
internal static class KeyPaths
{
    public static bool IsPathToken(TokenKind kind) =>
        kind is TokenKind.Unquoted or TokenKind.Number or TokenKind.Quoted or TokenKind.Whitespace;

    /// <summary>Reads from <paramref name="i"/> up to the first token that cannot be part of a path.</summary>
    public static string[] Read(List<Token> tokens, ref int i, string file)
    {
        var first = tokens[i];
        // Most keys are one unquoted word: no builder needed.
        if (first.Kind == TokenKind.Unquoted && !first.Text.Contains('.') && EndsAfter(tokens, i + 1))
        {
            i++;
            return [first.Text];
        }
        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        string? pendingSpace = null;
        var start = i;
        for (; IsPathToken(tokens[i].Kind); i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Whitespace)
            {
                pendingSpace = i > start ? token.Text : null;
                continue;
            }
            if (pendingSpace is not null)
            {
                current.Append(pendingSpace);
                hasContent = true;
                pendingSpace = null;
            }
            if (token.Kind == TokenKind.Quoted)
            {
                current.Append(token.Text);
                hasContent = true;
                continue;
            }
            var pieces = token.Text.Split('.');
            current.Append(pieces[0]);
            hasContent |= pieces[0].Length > 0;
            for (var p = 1; p < pieces.Length; p++)
            {
                Close(segments, current, hasContent, first, file);
                current.Append(pieces[p]);
                hasContent = pieces[p].Length > 0;
            }
        }
        if (i == start)
        {
            throw new HoconException(tokens[i].At(file), $"expected a key or path, found {tokens[i].Describe()}");
        }
        Close(segments, current, hasContent, first, file);
        return segments.ToArray();
    }

    private static bool EndsAfter(List<Token> tokens, int next) =>
        !IsPathToken(tokens[next].Kind) ||
        (tokens[next].Kind == TokenKind.Whitespace && !IsPathToken(tokens[next + 1].Kind));

    private static void Close(List<string> segments, StringBuilder current, bool hasContent, Token token, string file)
    {
        if (!hasContent)
        {
            throw new HoconException(token.At(file),
                "empty path element: a path cannot start or end with '.' or contain '..' (quote an empty key as \"\")");
        }
        segments.Add(current.ToString());
        current.Clear();
    }
}
