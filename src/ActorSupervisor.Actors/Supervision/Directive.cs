namespace ActorSupervisor.Actors;

/// <summary>What a supervisor does with a child whose handler threw.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; drop the failed message and go on.</summary>
    Resume,

    /// <summary>Replace the instance with a fresh one (state wiped, mailbox kept); the failed message is dropped.</summary>
    Restart,

    /// <summary>Stop the child.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, for its own supervisor to decide.</summary>
    Escalate,
}
