using Microsoft.Extensions.Configuration;

namespace ActorSupervisor.Hocon;

/// <summary>Adds HOCON files to an <see cref="IConfigurationBuilder"/>.</summary>
public static class HoconConfigurationExtensions
{
    /// <summary>
    /// Adds a HOCON file. A relative path is relative to the builder's base path (<c>SetBasePath</c>, by
    /// default the application directory), as for <c>AddJsonFile</c>. Sources added later (for example
    /// environment variables) override its keys.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The file.</param>
    /// <param name="optional">Whether a missing file is allowed (an invalid file is always an error).</param>
    /// <param name="reloadOnChange">Whether to reload when the file changes.</param>
    public static IConfigurationBuilder AddHocon(this IConfigurationBuilder builder, string path, bool optional = false, bool reloadOnChange = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.AddHocon(source =>
        {
            source.Path = path;
            source.Optional = optional;
            source.ReloadOnChange = reloadOnChange;
            source.ResolveFileProvider();
        });
    }

    /// <summary>Adds a HOCON file configured by <paramref name="configure"/>.</summary>
    public static IConfigurationBuilder AddHocon(this IConfigurationBuilder builder, Action<HoconConfigurationSource> configure) =>
        builder.Add(configure);
}
