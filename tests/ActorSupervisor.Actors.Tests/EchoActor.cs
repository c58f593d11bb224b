using ActorSupervisor.Actors;

namespace ActorSupervisor.Actors.Tests;

/// <summary>Replies to every message with the message itself.</summary>
internal sealed class EchoActor : ActorBase
{
    protected override bool Receive(object message)
    {
        Sender.Tell(message);
        return true;
    }
}
