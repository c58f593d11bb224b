namespace ActorSupervisor.Supervision.Persistence;

/// <summary>
/// A container's persistence id is <c>container-&lt;id&gt;</c>, as in the old journal, so imported
/// histories keep their streams. Other persistent actors (shards) use other prefixes.
/// </summary>
public static class ContainerPersistenceIds
{
    /// <summary>The prefix of every container's persistence id.</summary>
    public const string Prefix = "container-";

    /// <summary>The persistence id of container <paramref name="containerId"/>.</summary>
    public static string Of(string containerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerId);
        return Prefix + containerId;
    }

    /// <summary>The container id of a container persistence id, or null for any other persistence id.</summary>
    public static string? ContainerIdOf(string persistenceId)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return persistenceId.StartsWith(Prefix, StringComparison.Ordinal) && persistenceId.Length > Prefix.Length
            ? persistenceId[Prefix.Length..]
            : null;
    }
}
