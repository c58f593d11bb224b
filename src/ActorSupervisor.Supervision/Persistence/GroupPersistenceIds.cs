namespace ActorSupervisor.Supervision.Persistence;

/// <summary>A group's persistence id is <c>group-&lt;name&gt;</c>, beside the containers' <c>container-&lt;id&gt;</c>.</summary>
public static class GroupPersistenceIds
{
    /// <summary>The prefix of every group's persistence id.</summary>
    public const string Prefix = "group-";

    /// <summary>The persistence id of group <paramref name="name"/>.</summary>
    public static string Of(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Prefix + name;
    }

    /// <summary>The group name of a group persistence id, or null for any other persistence id.</summary>
    public static string? NameOf(string persistenceId) =>
        persistenceId.StartsWith(Prefix, StringComparison.Ordinal) && persistenceId.Length > Prefix.Length ? persistenceId[Prefix.Length..] : null;
}
