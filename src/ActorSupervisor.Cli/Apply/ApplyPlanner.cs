using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Apply;

/// <summary>Decides what apply does: pure, from the file's specs and the node's current ones.</summary>
internal static class ApplyPlanner
{
    /// <summary>
    /// The label apply puts on what it creates. <c>--prune</c> removes only containers carrying it, so a
    /// container started by hand or declared in the node's configuration is never pruned by accident.
    /// </summary>
    public const string AppliedLabel = "asv.applied";

    /// <summary>The spec as apply creates it: with <see cref="AppliedLabel"/> and its fingerprint as <see cref="SpecDigest.Label"/>.</summary>
    public static RawContainerSpec Mark(RawContainerSpec spec)
    {
        var labels = new Dictionary<string, string>(spec.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [AppliedLabel] = "true",
            [SpecDigest.Label] = SpecDigest.Of(spec),
        };
        return spec with { Labels = labels };
    }

    /// <param name="file">The spec file, for the plan's title.</param>
    /// <param name="desired">The file's specs, already <see cref="Mark"/>ed, in file order.</param>
    /// <param name="current">The node's specs of every container named in the file that exists, by name.</param>
    /// <param name="applied">Names of the node's containers that carry <see cref="AppliedLabel"/>.</param>
    /// <param name="prune">Whether applied containers missing from the file are removed.</param>
    public static ApplyPlan Plan(string file, IReadOnlyList<RawContainerSpec> desired,
        IReadOnlyDictionary<string, RawContainerSpec> current, IReadOnlyCollection<string> applied, bool prune)
    {
        var changing = new List<ApplyAction>();
        var unchanged = new List<ApplyAction>();
        foreach (var spec in desired)
        {
            var name = spec.Name!;
            if (!current.TryGetValue(name, out var existing))
            {
                changing.Add(new ApplyAction(ApplyActionKinds.Create, name, []));
                continue;
            }
            var action = Compare(name, existing, spec);
            (action.Action == ApplyActionKinds.Unchanged ? unchanged : changing).Add(action);
        }
        var declared = desired.Select(s => s.Name!).ToHashSet(StringComparer.Ordinal);
        var removals = prune
            ? applied.Where(name => !declared.Contains(name)).Order(StringComparer.Ordinal)
                .Select(name => new ApplyAction(ApplyActionKinds.Remove, name, [])).ToList()
            : [];
        return new ApplyPlan(file, [.. changing, .. removals, .. unchanged]);
    }

    private static ApplyAction Compare(string name, RawContainerSpec existing, RawContainerSpec desired)
    {
        var changes = SpecCanonicalizer.Compare(existing, desired);
        var restartOnly = changes.All(c => c.Field == SpecCanonicalizer.RestartField);
        // Only a container apply fingerprinted can show an unechoed change; others keep the field comparison.
        if (restartOnly && DigestDiffers(existing, desired))
            return new ApplyAction(ApplyActionKinds.Recreate, name, changes, UnechoedChange(desired));
        if (changes.Count == 0) return new ApplyAction(ApplyActionKinds.Unchanged, name, []);
        return new ApplyAction(restartOnly ? ApplyActionKinds.Update : ApplyActionKinds.Recreate, name, changes);
    }

    private static bool DigestDiffers(RawContainerSpec existing, RawContainerSpec desired) =>
        existing.Labels?.GetValueOrDefault(SpecDigest.Label) is { } applied
        && desired.Labels?.GetValueOrDefault(SpecDigest.Label) is { } wanted
        && applied != wanted;

    private static string UnechoedChange(RawContainerSpec desired) =>
        SpecDigest.UnechoedFieldsSet(desired) is { Count: > 0 } set
            ? $"spec changed: {string.Join(", ", set)} or other settings the node does not echo"
            : $"spec changed: settings the node does not echo ({string.Join(", ", SpecDigest.UnechoedFields)}), which the file now leaves to the node's defaults";
}
