namespace ActorSupervisor.Actors.Internal;

/// <summary>An ask's temporary ref, told when its question went to dead letters so the ask fails at once.</summary>
internal interface IAskReplyTarget
{
    void RecipientTerminated(IActorRef recipient);
}
