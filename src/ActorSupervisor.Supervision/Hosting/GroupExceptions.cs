namespace ActorSupervisor.Supervision.Hosting;

/// <summary>No group has the given name.</summary>
public sealed class GroupNotFoundException(string name) : Exception($"No such group: {name}")
{
    /// <summary>The name asked for.</summary>
    public string Name { get; } = name;
}

/// <summary>The group's state forbids the request, or a member refused to join; <see cref="Exception.Message"/> says why.</summary>
public sealed class GroupRejectedException(string group, string reason) : Exception(reason)
{
    /// <summary>The group that refused.</summary>
    public string Group { get; } = group;
}
