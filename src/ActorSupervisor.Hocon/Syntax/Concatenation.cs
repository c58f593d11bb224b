using System.Text;
using ActorSupervisor.Hocon.Tree;

namespace ActorSupervisor.Hocon.Syntax;

/// <summary>
/// Joins the parts of a value concatenation that are known at parse time: strings (with the whitespace
/// between them), arrays, or objects. Anything with a substitution is left to the resolver.
/// </summary>
internal static class Concatenation
{
    public static Node Combine(List<Node> parts)
    {
        var position = parts[0].Position;
        // A literal null inside a concatenation is the text "null" (only a substitution's null becomes "").
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] is UScalar { Value.Kind: HoconScalarKind.Null } literalNull)
            {
                parts[i] = new UScalar(new HoconScalar(HoconScalarKind.String, "null", literalNull.Position));
            }
        }
        if (parts.Exists(p => p is not (UScalar or UWhitespace or UObject or UArray)))
        {
            return new UConcat(parts, position);
        }
        var values = parts.Where(p => p is not UWhitespace).ToList();
        if (values.TrueForAll(p => p is UScalar))
        {
            var text = new StringBuilder();
            foreach (var part in parts)
            {
                text.Append(part is UWhitespace space ? space.Text : ((UScalar)part).Value.Text);
            }
            return new UScalar(new HoconScalar(HoconScalarKind.String, text.ToString(), position));
        }
        if (values.TrueForAll(p => p is UArray))
        {
            return new UArray(values.SelectMany(p => ((UArray)p).Items).ToList(), position);
        }
        if (values.TrueForAll(p => p is UObject))
        {
            return values.Skip(1).Aggregate(values[0], TreeMerge.MergeCaptured);
        }
        var first = values[0];
        var odd = values.First(p => Kind(p) != Kind(first));
        throw new HoconException(odd.Position, $"cannot concatenate {Kind(first)} with {Kind(odd)}: a concatenation joins only strings, only arrays or only objects");
    }

    private static string Kind(Node node) => node switch
    {
        UObject => "an object",
        UArray => "an array",
        _ => "a string",
    };
}
