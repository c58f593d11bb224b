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

    private static IEnumerable<HoconGroup> Declarations(SettingReader settings) =>
        DeclaredSection.Read(settings, HoconGroupReader.NodeSection, "groups", HoconGroupReader.ReadSection, group => group.Request.Name!);
}
