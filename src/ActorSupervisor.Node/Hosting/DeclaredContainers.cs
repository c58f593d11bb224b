using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Node.Configuration;

namespace ActorSupervisor.Node.Hosting;

/// <summary>Creates and starts the containers declared in configuration that do not exist yet (by name).</summary>
internal static class DeclaredContainers
{
    /// <summary>Applies <paramref name="declared"/> to <paramref name="containers"/>; existing names are left as they are.</summary>
    public static async Task ApplyAsync(IContainerService containers, IReadOnlyList<DeclaredContainer> declared, ILogger logger,
        CancellationToken cancellationToken)
    {
        foreach (var container in declared)
        {
            try
            {
                await containers.InspectAsync(container.Spec.Name, cancellationToken);
                logger.LogDebug("Declared container {Name} exists; left as it is", container.Spec.Name);
                continue;
            }
            catch (ContainerNotFoundException)
            {
                // Absent: create it below.
            }
            ContainerSnapshot created;
            try
            {
                created = await containers.CreateAsync(container.Spec, start: true, cancellationToken);
            }
            catch (ContainerNameConflictException conflict)
            {
                // Members of a cluster that share one node file declare the same containers: the first create wins.
                logger.LogDebug("Declared container {Name} was created meanwhile ({Id}), by another node; left as it is", container.Spec.Name, conflict.ExistingId[..12]);
                continue;
            }
            logger.LogInformation("Created container {Name} ({Id}) declared at {Origin}: {State}", created.Name, created.Id[..12],
                container.Origin, created.State.Status);
        }
    }
}
