using ActorSupervisor.Client.Specs;
using ActorSupervisor.Hocon;

namespace ActorSupervisor.Node.Configuration;

/// <summary>
/// A section of named declarations in the node's HOCON files (<c>actor-supervisor.containers</c>, <c>.groups</c>): each
/// file's entries read by the section's reader, an entry in a later file replacing one of the same name in an earlier
/// file. Declarations hold lists and nested objects, which only HOCON carries faithfully, so the section set from any
/// other source (an environment variable) is refused rather than ignored without a word.
/// </summary>
internal static class DeclaredSection
{
    /// <summary>The section's entries from every HOCON file, the last of each name winning; a reader's error stops start-up naming where.</summary>
    public static IEnumerable<T> Read<T>(SettingReader settings, string section, string what,
        Func<HoconObject, string, IReadOnlyList<T>> read, Func<T, string> nameOf)
    {
        RefuseOtherSources(settings, section, what);
        var byName = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var file in settings.Root.Providers.OfType<HoconConfigurationProvider>())
        {
            if (file.Root is not { } root || !root.HasPath(section))
                continue;
            try
            {
                foreach (var entry in read(root, section))
                    byName[nameOf(entry)] = entry;
            }
            catch (HoconSpecException e)
            {
                throw SettingReader.ErrorAt(e.Position.ToString(), e.Path, e.Value, e.Problem);
            }
        }
        return byName.Values;
    }

    private static void RefuseOtherSources(SettingReader settings, string section, string what)
    {
        var key = SettingReader.Key(section);
        foreach (var provider in settings.Root.Providers.Where(p => p is not HoconConfigurationProvider))
        {
            if (provider.GetChildKeys([], key).FirstOrDefault() is { } name)
                throw settings.Error($"{section}.{name}", null,
                    $"declare {what} in the node's HOCON configuration file, not in environment variables or other sources");
        }
    }
}
