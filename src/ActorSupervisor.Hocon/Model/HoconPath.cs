using ActorSupervisor.Hocon.Printing;
using ActorSupervisor.Hocon.Syntax;

namespace ActorSupervisor.Hocon;

/// <summary>HOCON path expressions: <c>a.b."c.d"</c> is the three keys <c>a</c>, <c>b</c> and <c>c.d</c>.</summary>
public static class HoconPath
{
    /// <summary>Splits a path expression into its keys.</summary>
    /// <exception cref="ArgumentException">The text is not a path expression (empty element, stray characters).</exception>
    public static IReadOnlyList<string> Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var tokens = Tokenizer.Tokenize(path, "path");
            var i = 0;
            var keys = KeyPaths.Read(tokens, ref i, "path");
            if (tokens[i].Kind != TokenKind.End)
            {
                throw new HoconException(tokens[i].At("path"), $"unexpected {tokens[i].Describe()} in a path");
            }
            return keys;
        }
        catch (HoconException e)
        {
            throw new ArgumentException($"'{path}' is not a valid HOCON path: {e.Reason}", nameof(path), e);
        }
    }

    /// <summary>Joins keys into a path expression, quoting the keys that need it.</summary>
    public static string Render(IEnumerable<string> keys) => string.Join('.', keys.Select(RenderKey));

    /// <summary>One key as it would be written in a path: bare when it can be, quoted otherwise.</summary>
    public static string RenderKey(string key) => Quoting.IsBareKey(key) ? key : Quoting.Quote(key);
}
