namespace ActorSupervisor.Actors.Internal;

/// <summary>What the kernel needs of every ref it makes: the system-message lane and whether it is dead.</summary>
internal interface IInternalActorRef : IActorRef
{
    /// <summary>Enqueues a system message, ahead of all user messages.</summary>
    void SendSystemMessage(SystemMessage message);

    /// <summary>True once the actor has stopped for good.</summary>
    bool IsTerminated { get; }
}
