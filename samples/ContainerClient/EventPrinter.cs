using System.Threading.Channels;
using ActorSupervisor.Messages;
using Akka.Actor;

namespace ActorSupervisor.Samples.ContainerClient;

/// <summary>The subscriber: prints every container event and hands it on to the program.</summary>
public sealed class EventPrinter : ReceiveActor
{
    /// <summary>Prints each event and writes it to <paramref name="events"/>.</summary>
    public EventPrinter(ChannelWriter<ContainerEventNotice> events) => Receive<ContainerEventNotice>(e =>
    {
        Console.WriteLine($"event {e.Type} {e.ContainerName}: {e.Why}");
        events.TryWrite(e);
    });
}
