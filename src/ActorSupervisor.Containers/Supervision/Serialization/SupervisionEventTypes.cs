using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Persistence.Sql.Serialization;

namespace ActorSupervisor.Containers.Supervision.Serialization;

/// <summary>
/// The stable manifests under which the supervision layer stores its events and snapshots. Register them on the
/// journal's <see cref="EventTypeRegistry"/> before opening it; the node then decodes journal rows (events
/// stream, history) into <see cref="ContainerEvent"/>s.
/// </summary>
/// <example><code>
/// var registry = SupervisionEventTypes.Register(new EventTypeRegistry());
/// await using var persistence = await SqlPersistence.OpenAsync(SqlPersistenceOptions.ForSqliteFile(path), registry);
/// </code></example>
public static class SupervisionEventTypes
{
    /// <summary>The prefix of every container's persistence id: <c>container-&lt;id&gt;</c>.</summary>
    public const string ContainerPersistencePrefix = "container-";

    /// <summary>The prefix of every shard's persistence id (its remembered containers): <c>shard-&lt;n&gt;</c>.</summary>
    public const string ShardPersistencePrefix = "shard-";

    /// <summary>Registers every container event, the container snapshot and the shard membership events on <paramref name="registry"/>.</summary>
    /// <returns>The same registry, for chaining.</returns>
    /// <exception cref="ArgumentException">One of the types or manifests is registered already.</exception>
    public static EventTypeRegistry Register(EventTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var json = SupervisionJsonContext.Default;
        return registry
            .Register("container.create.v1", json.Created)
            .Register("container.start.v1", json.Started)
            .Register("container.die.v1", json.Died)
            .Register("container.oom.v1", json.OutOfMemory)
            .Register("container.kill.v1", json.Killed)
            .Register("container.stop.v1", json.Stopped)
            .Register("container.pause.v1", json.Paused)
            .Register("container.unpause.v1", json.Unpaused)
            .Register("container.restart.v1", json.Restarting)
            .Register("container.health_probe.v1", json.HealthProbed)
            .Register("container.health_status.v1", json.HealthStatusChanged)
            .Register("container.update.v1", json.Updated)
            .Register("container.destroy.v1", json.Destroyed)
            .Register("container.gave_up.v1", json.GaveUp)
            .Register("container.state.v1", json.ContainerState)
            .Register("shard.entity_added.v1", json.ShardEntityAdded)
            .Register("shard.entity_removed.v1", json.ShardEntityRemoved)
            .Register("shard.snapshot.v1", json.ShardSnapshot);
    }

    /// <summary>The container id of a container persistence id, or null for any other persistence id (a shard's).</summary>
    public static string? ContainerIdOf(string persistenceId)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return persistenceId.StartsWith(ContainerPersistencePrefix, StringComparison.Ordinal) ? persistenceId[ContainerPersistencePrefix.Length..] : null;
    }
}
