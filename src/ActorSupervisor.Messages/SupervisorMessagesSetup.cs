using Akka.Configuration;
using Akka.Hosting;

namespace ActorSupervisor.Messages;

/// <summary>
/// Registers <see cref="SupervisorMessageSerializer"/> for every <see cref="ISupervisorMessage"/>: one call with
/// Akka.Hosting, or <see cref="Config"/> as a fallback of a plain actor system's configuration.
/// </summary>
/// <example><code>
/// services.AddAkka("shop", builder => builder.WithActorSupervisorMessages());
/// // or: ActorSystem.Create("shop", myConfig.WithFallback(SupervisorMessagesSetup.Config));
/// </code></example>
public static class SupervisorMessagesSetup
{
    /// <summary>The serializer's name in <c>akka.actor.serializers</c>.</summary>
    public const string SerializerName = "asv-messages";

    /// <summary>The HOCON: the serializer, its binding on <see cref="ISupervisorMessage"/> and its identifier.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.{{SerializerName}} = "{{TypeName<SupervisorMessageSerializer>()}}"
          serialization-bindings { "{{TypeName<ISupervisorMessage>()}}" = {{SerializerName}} }
          serialization-identifiers { "{{TypeName<SupervisorMessageSerializer>()}}" = {{SupervisorMessageSerializer.SerializerId}} }
        }
        """);

    /// <summary>Adds <see cref="Config"/> to the actor system Akka.Hosting builds.</summary>
    public static AkkaConfigurationBuilder WithActorSupervisorMessages(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHocon(Config, HoconAddMode.Prepend);
    }

    // Assembly-qualified without version, as Akka's own reference configuration writes them.
    private static string TypeName<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";
}
