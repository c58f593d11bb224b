using Microsoft.Extensions.Configuration;

namespace ActorSupervisor.Hocon;

/// <summary>A HOCON file as a configuration source; add it with <see cref="HoconConfigurationExtensions.AddHocon(IConfigurationBuilder, string, bool, bool)"/>.</summary>
public sealed class HoconConfigurationSource : FileConfigurationSource
{
    /// <summary>How environment variables named by substitutions are read; null means the process environment.</summary>
    public Func<string, string?>? EnvironmentVariables { get; set; }

    /// <inheritdoc />
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new HoconConfigurationProvider(this);
    }
}
