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

    private static IEnumerable<HoconSpec> Declarations(SettingReader settings)
    {
        RefuseOtherSources(settings);
        var byName = new Dictionary<string, HoconSpec>(StringComparer.Ordinal);
        foreach (var file in settings.Root.Providers.OfType<HoconConfigurationProvider>())
        {
            if (file.Root is not { } root || !root.HasPath(HoconSpecReader.NodeSection))
                continue;
            try
            {
                foreach (var spec in HoconSpecReader.ReadSection(root, HoconSpecReader.NodeSection))
                    byName[spec.Spec.Name!] = spec;
            }
            catch (HoconSpecException e)
            {
                throw SettingReader.ErrorAt(e.Position.ToString(), e.Path, e.Value, e.Problem);
            }
        }
        return byName.Values;
    }

    // Containers are objects with lists and nested objects, which only HOCON carries faithfully; a key set
    // elsewhere (an environment variable) would otherwise be ignored without a word.
    private static void RefuseOtherSources(SettingReader settings)
    {
        var section = SettingReader.Key(HoconSpecReader.NodeSection);
        foreach (var provider in settings.Root.Providers.Where(p => p is not HoconConfigurationProvider))
        {
            if (provider.GetChildKeys([], section).FirstOrDefault() is { } name)
                throw settings.Error($"{HoconSpecReader.NodeSection}.{name}", null,
                    "declare containers in the node's HOCON configuration file, not in environment variables or other sources");
        }
    }
}
