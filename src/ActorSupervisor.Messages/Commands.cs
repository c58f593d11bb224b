using Akka.Actor;

namespace ActorSupervisor.Messages;

/// <summary>Every message of this contract: bound to <see cref="SupervisorMessageSerializer"/>, never to Akka's default.</summary>
public interface ISupervisorMessage;

/// <summary>
/// A command for the node's gateway (<see cref="Gateway.Path"/>). Each is answered with one reply: a
/// <see cref="ContainerResult"/>, <see cref="ContainerRemoved"/>, <see cref="ContainerList"/> or
/// <see cref="EventsSubscription"/> (containers), <see cref="GroupResult"/> or <see cref="GroupRemoved"/> (groups), or a <see cref="CommandFailed"/> with the HTTP API's error code.
/// </summary>
public interface ISupervisorCommand : ISupervisorMessage;

/// <summary>Creates a container (<c>POST /api/v1/containers</c>), and starts it when <paramref name="Start"/> is true.</summary>
/// <param name="Spec">The container's spec as the HTTP API's JSON body (docs/api.md), e.g. <c>{"name":"web","cmd":"sleep 100"}</c>: the node validates it exactly as the API does.</param>
/// <param name="Start">Also start it (<c>docker run -d</c>).</param>
public sealed record CreateContainer(string Spec, bool Start = false) : ISupervisorCommand;

/// <summary>Starts a container, by name, id or unique id prefix.</summary>
public sealed record StartContainer(string Container) : ISupervisorCommand;

/// <summary>Stops a container: its stop signal, then SIGKILL after <paramref name="TimeoutSeconds"/> (default its spec's stop timeout).</summary>
public sealed record StopContainer(string Container, int? TimeoutSeconds = null) : ISupervisorCommand;

/// <summary>Stops (as <see cref="StopContainer"/>) and starts a container.</summary>
public sealed record RestartContainer(string Container, int? TimeoutSeconds = null) : ISupervisorCommand;

/// <summary>Sends a signal (a name such as <c>SIGTERM</c> or <c>TERM</c>, or a number 1-64) to a container's workload.</summary>
public sealed record KillContainer(string Container, string Signal = "SIGKILL") : ISupervisorCommand;

/// <summary>Freezes a container's workload.</summary>
public sealed record PauseContainer(string Container) : ISupervisorCommand;

/// <summary>Thaws a container's workload.</summary>
public sealed record UnpauseContainer(string Container) : ISupervisorCommand;

/// <summary>Removes a container; <paramref name="Force"/> kills a running workload first. Answered with <see cref="ContainerRemoved"/>.</summary>
public sealed record RemoveContainer(string Container, bool Force = false) : ISupervisorCommand;

/// <summary>A container's state (<c>inspect</c>).</summary>
public sealed record GetContainer(string Container) : ISupervisorCommand;

/// <summary>The containers (<c>ps</c>): running, paused and restarting ones, or every one with <paramref name="All"/>. Answered with <see cref="ContainerList"/>.</summary>
public sealed record ListContainers(bool All = false) : ISupervisorCommand;

/// <summary>
/// Sends <paramref name="Subscriber"/> a <see cref="ContainerEventNotice"/> for every container event from now on, from
/// every node, until it unsubscribes or terminates. Answered with <see cref="EventsSubscription"/>.
/// </summary>
/// <param name="Subscriber">The actor that receives the events (reached directly over remoting, not through the sender of this message).</param>
public sealed record SubscribeEvents(IActorRef Subscriber) : ISupervisorCommand;

/// <summary>Ends <paramref name="Subscriber"/>'s subscription. Answered with <see cref="EventsSubscription"/>.</summary>
public sealed record UnsubscribeEvents(IActorRef Subscriber) : ISupervisorCommand;

/// <summary>Where the node's gateway is: send commands there.</summary>
public static class Gateway
{
    /// <summary>
    /// The gateway's path on every node, registered with the cluster-client receptionist and distributed pub-sub:
    /// <c>ClusterClient.Send(Gateway.Path, command)</c> from outside the cluster, <c>Mediator.Send(Gateway.Path, command)</c> from a member.
    /// </summary>
    public const string Path = "/user/container-gateway";

    /// <summary>The gateway actor's name (the last element of <see cref="Path"/>).</summary>
    public const string Name = "container-gateway";
}
