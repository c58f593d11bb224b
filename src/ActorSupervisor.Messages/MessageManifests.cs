namespace ActorSupervisor.Messages;

/// <summary>
/// The stable names of this contract's messages on the wire. A manifest is never renamed or reused; a changed shape
/// gets a new version (<c>.v2</c>) and the old one stays readable, so nodes and clients of different releases talk.
/// </summary>
public static class MessageManifests
{
    /// <summary><see cref="CreateContainer"/>.</summary>
    public const string Create = "asv.create.v1";

    /// <summary><see cref="StartContainer"/>.</summary>
    public const string Start = "asv.start.v1";

    /// <summary><see cref="StopContainer"/>.</summary>
    public const string Stop = "asv.stop.v1";

    /// <summary><see cref="RestartContainer"/>.</summary>
    public const string Restart = "asv.restart.v1";

    /// <summary><see cref="KillContainer"/>.</summary>
    public const string Kill = "asv.kill.v1";

    /// <summary><see cref="PauseContainer"/>.</summary>
    public const string Pause = "asv.pause.v1";

    /// <summary><see cref="UnpauseContainer"/>.</summary>
    public const string Unpause = "asv.unpause.v1";

    /// <summary><see cref="RemoveContainer"/>.</summary>
    public const string Remove = "asv.remove.v1";

    /// <summary><see cref="GetContainer"/>.</summary>
    public const string Get = "asv.get.v1";

    /// <summary><see cref="ListContainers"/>.</summary>
    public const string List = "asv.list.v1";

    /// <summary><see cref="SubscribeEvents"/>.</summary>
    public const string Subscribe = "asv.subscribe.v1";

    /// <summary><see cref="UnsubscribeEvents"/>.</summary>
    public const string Unsubscribe = "asv.unsubscribe.v1";

    /// <summary><see cref="ContainerResult"/>.</summary>
    public const string Result = "asv.container.v1";

    /// <summary><see cref="ContainerRemoved"/>.</summary>
    public const string Removed = "asv.removed.v1";

    /// <summary><see cref="ContainerList"/>.</summary>
    public const string ContainerList = "asv.containers.v1";

    /// <summary><see cref="EventsSubscription"/>.</summary>
    public const string Subscription = "asv.subscription.v1";

    /// <summary><see cref="CommandFailed"/>.</summary>
    public const string Failed = "asv.failed.v1";

    /// <summary><see cref="ContainerEventNotice"/>.</summary>
    public const string Event = "asv.event.v1";

    /// <summary><see cref="CreateGroup"/>.</summary>
    public const string CreateGroup = "asv.group.create.v1";

    /// <summary><see cref="GetGroup"/>.</summary>
    public const string GetGroup = "asv.group.get.v1";

    /// <summary><see cref="StartGroup"/>.</summary>
    public const string StartGroup = "asv.group.start.v1";

    /// <summary><see cref="StopGroup"/>.</summary>
    public const string StopGroup = "asv.group.stop.v1";

    /// <summary><see cref="RemoveGroup"/>.</summary>
    public const string RemoveGroup = "asv.group.remove.v1";

    /// <summary><see cref="GroupResult"/>.</summary>
    public const string GroupResult = "asv.group.v1";

    /// <summary><see cref="GroupRemoved"/>.</summary>
    public const string GroupRemoved = "asv.group.removed.v1";
}
