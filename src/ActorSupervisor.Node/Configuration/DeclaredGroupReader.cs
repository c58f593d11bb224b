using ActorSupervisor.Client.Specs;
using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Hocon;

namespace ActorSupervisor.Node.Configuration;

/// <summary>
/// Reads <c>actor-supervisor.groups { name { ... } }</c> from the node's HOCON files with <see cref="HoconGroupReader"/>
/// and judges each with <see cref="GroupDefinitionParser"/>, the rule the API's create uses. A group declared in a later
/// file replaces one of the same name in an earlier file. An unknown key or a bad value stops start-up with the file,
/// line and path; whether the members exist is judged when the group is created (<c>DeclaredGroups</c>).
/// </summary>
internal static class DeclaredGroupReader
{
    /// <summary>The declared groups, parsed, in the order of their names.</summary>
    public static IReadOnlyList<DeclaredGroup> Read(SettingReader settings)
    {
        var declared = new List<DeclaredGroup>();
        foreach (var found in Declarations(settings).OrderBy(group => group.Request.Name, StringComparer.Ordinal))
        {
            var request = found.Request;
            var parsed = GroupDefinitionParser.Parse(request.Name, request.Strategy, request.Members, request.Intensity);
            if (!parsed.IsValid)
            {
                var error = parsed.Errors[0];
                throw SettingReader.ErrorAt(found.PositionOf(error.Field).ToString(), found.PathOf(error.Field), error.Value, error.Message);
            }
            declared.Add(new DeclaredGroup(parsed.Definition!, found.Path, found.Position.ToString()));
        }
        return declared;
    }

    private static IEnumerable<HoconGroup> Declarations(SettingReader settings)
    {
        RefuseOtherSources(settings);
        var byName = new Dictionary<string, HoconGroup>(StringComparer.Ordinal);
        foreach (var file in settings.Root.Providers.OfType<HoconConfigurationProvider>())
        {
            if (file.Root is not { } root || !root.HasPath(HoconGroupReader.NodeSection))
                continue;
            try
            {
                foreach (var group in HoconGroupReader.ReadSection(root, HoconGroupReader.NodeSection))
                    byName[group.Request.Name!] = group;
            }
            catch (HoconSpecException e)
            {
                throw SettingReader.ErrorAt(e.Position.ToString(), e.Path, e.Value, e.Problem);
            }
        }
        return byName.Values;
    }

    // Groups hold lists and nested objects, which only HOCON carries faithfully (as containers).
    private static void RefuseOtherSources(SettingReader settings)
    {
        var section = SettingReader.Key(HoconGroupReader.NodeSection);
        foreach (var provider in settings.Root.Providers.Where(p => p is not HoconConfigurationProvider))
        {
            if (provider.GetChildKeys([], section).FirstOrDefault() is { } name)
                throw settings.Error($"{HoconGroupReader.NodeSection}.{name}", null,
                    "declare groups in the node's HOCON configuration file, not in environment variables or other sources");
        }
    }
}
