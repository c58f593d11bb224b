using ActorSupervisor.Client.Specs;
using ActorSupervisor.Hocon;

namespace ActorSupervisor.Node.Configuration;

/// <summary>
/// Reads <c>actor-supervisor.containers { name { ... } }</c> from the node's HOCON files with the shared
/// <see cref="HoconSpecReader"/> (the one <c>asv apply -f</c> uses) and parses each with the domain's parser.
/// A container declared in a later file replaces one of the same name in an earlier file. An unknown key
/// or a bad value stops start-up with the file, line and path.
/// </summary>
internal static class DeclaredContainerReader
{
    /// <summary>The declared containers, parsed, in the order of their names.</summary>
    public static IReadOnlyList<DeclaredContainer> Read(SettingReader settings, NodeOptions options)
    {
        var declared = new List<DeclaredContainer>();
        foreach (var found in Declarations(settings).OrderBy(spec => spec.Spec.Name, StringComparer.Ordinal))
        {
            var parsed = SpecDefaults.Parse(found.Spec, options);
            if (!parsed.IsValid)
            {
                var error = parsed.Errors[0];
                throw SettingReader.ErrorAt(found.PositionOf(error.Field).ToString(), found.PathOf(error.Field), error.Value, error.Message);
            }
            declared.Add(new DeclaredContainer(parsed.Spec!, found.Position.ToString()));
        }
        return declared;
    }

    private static IEnumerable<HoconSpec> Declarations(SettingReader settings) =>
        DeclaredSection.Read(settings, HoconSpecReader.NodeSection, "containers", HoconSpecReader.ReadSection, spec => spec.Spec.Name!);
}
