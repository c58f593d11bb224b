using System.Text;
using ActorSupervisor.Hocon.Tree;

namespace ActorSupervisor.Hocon.Resolution;

/// <summary>
/// Turns the unresolved tree into values. Each node is resolved at most once; a node met again while it is
/// being resolved is a cycle. Lookups walk unresolved objects field by field, so an object may refer to
/// its own fields without resolving itself.
/// </summary>
internal sealed class Resolver(UObject root, HoconReaderOptions options)
{
    private const int MaxDepth = 1000;
    private readonly List<USubstitution> _active = [];
    private int _depth;

    public HoconObject Resolve() => (HoconObject)Resolve(root)!;

    private HoconValue? Resolve(Node node)
    {
        if (node.State == ResolveState.Done)
        {
            return node.Resolved;
        }
        if (node.State == ResolveState.InProgress)
        {
            throw Cycle(node);
        }
        if (++_depth > MaxDepth)
        {
            throw new HoconException(node.Position, $"substitutions and nesting go deeper than {MaxDepth} levels");
        }
        node.State = ResolveState.InProgress;
        var value = node switch
        {
            UObject obj => ResolveObject(obj),
            UArray array => new HoconArray(ResolveAll(array.Items), array.Position),
            USubstitution substitution => Active(substitution, () => Lookup(substitution)),
            USelfReference self => Active(self.Written, () => (self.Earlier is null ? null : Resolve(self.Earlier)) ?? Fallback(self.Written)),
            UPathInto into => Walk(Resolve(into.Source), into.Rest),
            UConcat concat => ResolveConcat(concat),
            UMerge merge => ResolveMerge(merge),
            // Scalars are resolved when built; whitespace is read only by the concatenation that holds it.
            _ => throw new InvalidOperationException($"{node.GetType().Name} is not resolved on its own"),
        };
        _depth--;
        node.Resolved = value;
        node.State = ResolveState.Done;
        return value;
    }

    private HoconObject ResolveObject(UObject obj)
    {
        var fields = new FieldList<HoconValue>(obj.Count);
        for (var i = 0; i < obj.Count; i++)
        {
            if (Resolve(obj[i].Value) is { } value)
            {
                fields.Set(obj[i].Key, value);
            }
        }
        return new HoconObject(fields, obj.Position);
    }

    private List<HoconValue> ResolveAll(List<Node> items)
    {
        var values = new List<HoconValue>(items.Count);
        foreach (var item in items)
        {
            if (Resolve(item) is { } value)
            {
                values.Add(value);
            }
        }
        return values;
    }

    private HoconValue? Active(USubstitution substitution, Func<HoconValue?> resolve)
    {
        _active.Add(substitution);
        var value = resolve();
        _active.RemoveAt(_active.Count - 1);
        return value;
    }

    private HoconValue? Lookup(USubstitution substitution)
    {
        Node current = root;
        HoconValue? value = null;
        foreach (var key in substitution.Path)
        {
            if (value is null && current is UObject obj)
            {
                if (obj.Get(key) is not { } child)
                {
                    return Fallback(substitution);
                }
                current = child;
                continue;
            }
            value ??= Resolve(current);
            if (value is not HoconObject resolved || !resolved.TryGetValue(key, out value))
            {
                return Fallback(substitution);
            }
        }
        return value ?? Resolve(current) ?? Fallback(substitution);
    }

    private static HoconValue? Walk(HoconValue? value, string[] path)
    {
        foreach (var key in path)
        {
            if (value is not HoconObject obj || !obj.TryGetValue(key, out value))
            {
                return null;
            }
        }
        return value;
    }

    /// <summary>No setting at the path: an environment variable of the written name, else undefined or an error.</summary>
    private HoconValue? Fallback(USubstitution substitution)
    {
        if (options.Environment(substitution.Written) is { } environment)
        {
            return new HoconScalar(HoconScalarKind.String, environment, substitution.Position);
        }
        if (substitution.Optional)
        {
            return null;
        }
        throw new HoconException(substitution.Position,
            $"substitution {substitution} is undefined: no setting '{HoconPath.Render(substitution.Path)}' (before this point, if it refers to itself) and no environment variable '{substitution.Written}'; write ${{?{substitution.Written}}} if it may be missing");
    }

    private HoconValue? ResolveConcat(UConcat concat)
    {
        var items = new List<(Node Part, HoconValue? Value)>(concat.Parts.Count);
        foreach (var part in concat.Parts)
        {
            items.Add((part, part is UWhitespace ? null : Resolve(part)));
        }
        var values = items.Where(i => i.Value is not null).ToList();
        if (values.Count == 0)
        {
            return null;
        }
        var first = values[0];
        if (values.Find(i => Family(i.Value!) != Family(first.Value!)) is { Part: not null } odd)
        {
            throw new HoconException(odd.Part.Position,
                $"cannot concatenate {Describe(first.Value!)} with {Describe(odd.Value!)}: a concatenation joins only strings, only arrays or only objects");
        }
        return first.Value switch
        {
            HoconArray => new HoconArray(values.SelectMany(i => (HoconArray)i.Value!), concat.Position),
            HoconObject => values.Select(i => (HoconObject)i.Value!).Aggregate(Merge),
            _ => JoinText(items, concat.Position),
        };
    }

    private static HoconScalar JoinText(List<(Node Part, HoconValue? Value)> items, HoconPosition position)
    {
        var text = new StringBuilder();
        foreach (var (part, value) in items)
        {
            // A substitution that is null adds nothing; a literal null was already turned into "null".
            text.Append(part is UWhitespace space ? space.Text : (value as HoconScalar)?.Text);
        }
        return new HoconScalar(HoconScalarKind.String, text.ToString(), position);
    }

    private static string Family(HoconValue value) => value switch
    {
        HoconObject => "an object",
        HoconArray => "an array",
        _ => "a string",
    };

    private static string Describe(HoconValue value) => value switch
    {
        HoconScalar { Kind: HoconScalarKind.Null } => "null",
        HoconArray => "an array",
        HoconObject => "an object",
        _ => "a " + value.KindName,
    };

    private HoconValue? ResolveMerge(UMerge merge)
    {
        HoconValue? result = null;
        foreach (var part in merge.Parts)
        {
            if (Resolve(part) is not { } value)
            {
                continue;
            }
            result = result is HoconObject earlier && value is HoconObject later ? Merge(earlier, later) : value;
        }
        return result;
    }

    /// <summary>Objects merge key by key (recursively); any other later value replaces the earlier one.</summary>
    internal static HoconObject Merge(HoconObject earlier, HoconObject later)
    {
        var fields = new FieldList<HoconValue>(earlier.Count + later.Count);
        foreach (var (key, value) in earlier)
        {
            fields.Set(key, value);
        }
        foreach (var (key, value) in later)
        {
            fields.Set(key, fields.TryGet(key, out var old) && old is HoconObject oldObject && value is HoconObject newObject ? Merge(oldObject, newObject) : value);
        }
        return new HoconObject(fields, later.Position);
    }

    private HoconException Cycle(Node node)
    {
        var repeated = node switch
        {
            USubstitution s => s,
            USelfReference r => r.Written,
            _ => null,
        };
        var from = repeated is null ? 0 : Math.Max(0, _active.IndexOf(repeated));
        var chain = _active.Skip(from).Select(s => s.ToString()).ToList();
        if (repeated is not null)
        {
            chain.Add(repeated.ToString());
        }
        var at = _active.Count > 0 ? _active[^1].Position : node.Position;
        var detail = repeated is null ? " (a substitution refers to an object or value that contains it)" : "";
        return new HoconException(at, $"cyclic substitution: {string.Join(" -> ", chain)}{detail}");
    }
}
