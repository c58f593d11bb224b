using ActorSupervisor.Containers.Domain.Lifecycle;
using Akka.Configuration;
using Akka.Hosting;

namespace ActorSupervisor.Supervision.Serialization;

/// <summary>
/// Registers <see cref="ContainerSerializer"/> and binds <see cref="ContainerEvent"/> (every subtype) and
/// <see cref="ContainerState"/> to it, and <see cref="ContainerWireSerializer"/> for the messages between nodes, as
/// plain HOCON or through Akka.Hosting.
/// </summary>
/// <example><code>
/// services.AddAkka("asv", builder => builder.AddContainerSerialization());
/// // or: ActorSystem.Create("asv", ContainerSerialization.Config.WithFallback(other));
/// </code></example>
public static class ContainerSerialization
{
    /// <summary>The serializer's name in <c>akka.actor.serializers</c>.</summary>
    public const string SerializerName = "asv-container";

    /// <summary>The name of the serializer of the messages between nodes (<see cref="ContainerWireSerializer"/>).</summary>
    public const string WireSerializerName = "asv-container-wire";

    /// <summary>The name of the serializer of log reads, exec sessions and stats readings between nodes (<see cref="Workloads.WorkloadWireSerializer"/>).</summary>
    public const string WorkloadSerializerName = "asv-workload-wire";

    /// <summary>The HOCON fragment: the serializer, its bindings on the base types and its identifier.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString(Hocon);

    /// <summary>Adds <see cref="Config"/> to the actor system's configuration.</summary>
    public static AkkaConfigurationBuilder AddContainerSerialization(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHocon(Config, HoconAddMode.Prepend);
    }

    private static string Hocon => $$"""
        akka.actor {
          serializers {
            {{SerializerName}} = "{{TypeName<ContainerSerializer>()}}"
            {{WireSerializerName}} = "{{TypeName<ContainerWireSerializer>()}}"
            {{WorkloadSerializerName}} = "{{TypeName<Workloads.WorkloadWireSerializer>()}}"
          }
          serialization-bindings {
            "{{TypeName<ContainerEvent>()}}" = {{SerializerName}}
            "{{TypeName<ContainerState>()}}" = {{SerializerName}}
            "{{TypeName<Containers.Domain.Groups.GroupEvent>()}}" = {{SerializerName}}
            "{{TypeName<Containers.Domain.Groups.GroupState>()}}" = {{SerializerName}}
            "{{TypeName<Actors.GroupEnvelope>()}}" = {{WireSerializerName}}
            "{{TypeName<Actors.GroupReply>()}}" = {{WireSerializerName}}
            "{{TypeName<Actors.GroupFailure>()}}" = {{WireSerializerName}}
            "{{TypeName<Actors.ContainerEnvelope>()}}" = {{WireSerializerName}}
            "{{TypeName<Actors.ContainerReply>()}}" = {{WireSerializerName}}
            "{{TypeName<Actors.Woken>()}}" = {{WireSerializerName}}
            "{{TypeName<Actors.Drained>()}}" = {{WireSerializerName}}
            "{{TypeName<Actors.ContainerFailure>()}}" = {{WireSerializerName}}
            "{{TypeName<Actors.ContainerStateChanged>()}}" = {{WireSerializerName}}
            "{{TypeName<Actors.ClaimName>()}}" = {{WireSerializerName}}
            "{{TypeName<Actors.NameTaken>()}}" = {{WireSerializerName}}
            "{{TypeName<Actors.NameClaimed>()}}" = {{SerializerName}}
            "{{TypeName<Workloads.IWorkloadMessage>()}}" = {{WorkloadSerializerName}}
          }
          serialization-identifiers {
            "{{TypeName<ContainerSerializer>()}}" = {{ContainerSerializer.SerializerId}}
            "{{TypeName<ContainerWireSerializer>()}}" = {{ContainerWireSerializer.SerializerId}}
            "{{TypeName<Workloads.WorkloadWireSerializer>()}}" = {{Workloads.WorkloadWireSerializer.SerializerId}}
          }
        }
        """;

    // Assembly-qualified without version, as Akka's own reference configuration writes them.
    private static string TypeName<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";
}
