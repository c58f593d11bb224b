namespace ActorSupervisor.Cli.Handlers;

/// <summary>The verbs that change one or more containers' state.</summary>
internal enum LifecycleVerb
{
    Start,
    Stop,
    Restart,
    Kill,
    Pause,
    Unpause,
    Remove,
    Update,
}
