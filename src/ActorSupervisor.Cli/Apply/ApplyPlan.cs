namespace ActorSupervisor.Cli.Apply;

/// <summary>The steps that make a node match a file, in the order they run.</summary>
/// <param name="File">The spec file.</param>
/// <param name="Actions">Creates, updates and recreates in file order, then removals, then the unchanged.</param>
internal sealed record ApplyPlan(string File, IReadOnlyList<ApplyAction> Actions)
{
    /// <summary>True when applying would change nothing.</summary>
    public bool IsEmpty => Actions.All(a => a.Action == ApplyActionKinds.Unchanged);

    /// <summary>How many steps of one kind.</summary>
    public int Count(string action) => Actions.Count(a => a.Action == action);
}
