using Akka.Hosting;

namespace ActorSupervisor.Supervision.Persistence;

/// <summary>Akka.Hosting entry point of the store: configuration and data options in one call.</summary>
public static class ContainerStoreHosting
{
    /// <summary>
    /// Makes Akka.Persistence.Sql on <paramref name="settings"/> the system's journal, snapshot store and read
    /// journal, with the container serializer.
    /// </summary>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public static AkkaConfigurationBuilder WithContainerStore(this AkkaConfigurationBuilder builder, StoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        return builder
            .AddHocon(settings.ToConfig(), HoconAddMode.Prepend)
            .AddSetup(settings.ToDataOptionsSetup());
    }
}
