using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Supervision.Hosting;

namespace ActorSupervisor.Node.Hosting;

/// <summary>Creates the groups declared in configuration that do not exist yet (by name), after the declared containers.</summary>
internal static class DeclaredGroups
{
    /// <summary>
    /// Applies <paramref name="declared"/> to <paramref name="groups"/>; existing names are left as they are (a changed
    /// declaration is not applied to an existing group, and a removed group's name is not reused: declare it under a new name).
    /// </summary>
    /// <exception cref="NodeConfigurationException">A group cannot be created as declared (a member that does not exist or is in another group); names its HOCON path.</exception>
    public static async Task ApplyAsync(IGroupService groups, IReadOnlyList<DeclaredGroup> declared, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var group in declared)
        {
            var definition = group.Definition;
            if (await FindAsync(groups, definition.Name, cancellationToken) is { } existing)
            {
                if (existing.State.Status == Containers.Domain.Groups.GroupStatus.Removed)
                    logger.LogWarning("Declared group {Name} (at {Origin}) was removed; a removed group's name is not reused: declare it under another name",
                        definition.Name, group.Origin);
                else
                    logger.LogDebug("Declared group {Name} exists; left as it is", definition.Name);
                continue;
            }
            try
            {
                var created = await groups.CreateGroupAsync(definition.Name, definition.Strategy, definition.Members, definition.Intensity, cancellationToken);
                logger.LogInformation("Created group {Name} ({Strategy}) of {Members} declared at {Origin}", created.Name,
                    Containers.Domain.Groups.GroupStrategyText.Format(definition.Strategy), string.Join(", ", definition.Members), group.Origin);
            }
            catch (GroupDefinitionException invalid)
            {
                throw SettingReader.ErrorAt(group.Origin, $"{group.Path}.{invalid.Field}", null, invalid.Problem);
            }
            catch (GroupRejectedException rejected)
            {
                // Members of a cluster that share one node file declare the same groups: the first create wins.
                if (await FindAsync(groups, definition.Name, cancellationToken) is null)
                    throw SettingReader.ErrorAt(group.Origin, group.Path, null, rejected.Message);
                logger.LogDebug("Declared group {Name} was created meanwhile, by another node; left as it is", definition.Name);
            }
        }
    }

    private static async Task<GroupSnapshot?> FindAsync(IGroupService groups, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await groups.InspectGroupAsync(name, cancellationToken);
        }
        catch (GroupNotFoundException)
        {
            return null;
        }
    }
}
