namespace ActorSupervisor.Cli.Apply;

/// <summary>What apply does to one container.</summary>
internal static class ApplyActionKinds
{
    /// <summary>In the file, not on the node: create and start it.</summary>
    public const string Create = "create";

    /// <summary>Only the restart policy differs: change it in place.</summary>
    public const string Update = "update";

    /// <summary>Something else differs: remove it and create it again from the file.</summary>
    public const string Recreate = "recreate";

    /// <summary>Applied earlier, gone from the file, and --prune given: remove it.</summary>
    public const string Remove = "remove";

    /// <summary>Already as the file says.</summary>
    public const string Unchanged = "unchanged";
}
