namespace ActorSupervisor.Hocon.Tree;

/// <summary>
/// Duplicate-key merging on the unresolved tree: objects merge field by field, a later non-object replaces,
/// and anything whose type is known only after resolving becomes a <see cref="UMerge"/> decided later.
/// </summary>
internal static class TreeMerge
{
    /// <summary>Sets <paramref name="key"/> in an owned object, merging with an earlier definition.</summary>
    public static void MergeField(UObject target, string key, Node value, bool fromFrozen)
    {
        if (fromFrozen)
        {
            UObject.Freeze(value);
        }
        var existing = target.Get(key);
        if (existing is null || value.IsPlainNonObject)
        {
            target.Set(key, value);
            return;
        }
        if (value is UObject later && existing is UObject earlier)
        {
            if (earlier.Frozen)
            {
                earlier = earlier.CopyOwned();
                target.Set(key, earlier);
            }
            for (var i = 0; i < later.Count; i++)
            {
                MergeField(earlier, later[i].Key, later[i].Value, later.Frozen);
            }
            earlier.Position = later.Position;
            return;
        }
        // A later object replaces a scalar or array; anything unresolved may turn out to be an object, or
        // undefined (a missing ${?x}, which leaves the earlier value in place), so it is decided when resolving.
        target.Set(key, value is UObject && existing.IsPlainNonObject ? value : UMerge.Of(existing, value));
    }

    /// <summary><paramref name="value"/> wrapped in fresh objects for <c>path[from..]</c> (for dotted keys).</summary>
    public static Node Nest(IReadOnlyList<string> path, int from, Node value, HoconPosition position)
    {
        for (var i = path.Count - 1; i >= from; i--)
        {
            var wrapper = new UObject(position);
            wrapper.Set(path[i], value);
            value = wrapper;
        }
        return value;
    }

    /// <summary>
    /// Merges two captured (frozen) values without changing either: the result belongs only to a
    /// self-referential substitution and shares children, which are therefore frozen.
    /// </summary>
    public static Node MergeCaptured(Node earlier, Node later)
    {
        if (later.IsPlainNonObject)
        {
            return later;
        }
        if (later is UObject laterObject && earlier is UObject earlierObject)
        {
            var merged = earlierObject.CopyOwned();
            for (var i = 0; i < laterObject.Count; i++)
            {
                var (key, value) = (laterObject[i].Key, UObject.Freeze(laterObject[i].Value));
                merged.Set(key, merged.Get(key) is { } old ? MergeCaptured(old, value) : value);
            }
            merged.Position = laterObject.Position;
            merged.Frozen = true;
            return merged;
        }
        return later is UObject && earlier.IsPlainNonObject ? later : UMerge.Of(earlier, later);
    }

    /// <summary>
    /// What <c>path[from..]</c> holds in <paramref name="root"/> right now, for a self-reference. Returns
    /// false when nothing is defined there; <paramref name="found"/> is null when a scalar or array on the
    /// way hides whatever an earlier definition put there.
    /// </summary>
    public static bool TryCapture(UObject root, IReadOnlyList<string> path, int from, out Node? found)
    {
        found = null;
        Node current = root;
        for (var i = from; i < path.Count; i++)
        {
            switch (current)
            {
                case UObject obj:
                    var child = obj.Get(path[i]);
                    if (child is null)
                    {
                        return false;
                    }
                    current = child;
                    break;
                case UScalar or UArray:
                    return true;
                default:
                    found = new UPathInto(current, path.Skip(i).ToArray());
                    return true;
            }
        }
        found = UObject.Freeze(current);
        return true;
    }
}
