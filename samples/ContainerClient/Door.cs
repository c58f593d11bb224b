using System.Collections.Immutable;
using ActorSupervisor.Messages;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Cluster;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;

namespace ActorSupervisor.Samples.ContainerClient;

/// <summary>A command the gateway refused, or an answer of another kind than expected.</summary>
public sealed class DoorException(string message) : Exception(message);

/// <summary>
/// The way into the cluster: a <see cref="ClusterClient"/> (this system is not a member; it talks to the nodes'
/// receptionists) or distributed pub-sub (this system is a member with the <c>client</c> role). Either way a command
/// goes to <see cref="Gateway.Path"/> on some node and its reply comes back to the asker.
/// </summary>
public sealed class Door
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    private readonly Func<ISupervisorCommand, TimeSpan, Task<object>> _ask;

    private Door(Func<ISupervisorCommand, TimeSpan, Task<object>> ask) => _ask = ask;

    /// <summary>This system's configuration: remoting on <see cref="SampleOptions.Host"/>, the messages' serializer, and the cluster for a member.</summary>
    public static Config Config(SampleOptions options)
    {
        var remote = ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = WARNING
              actor.provider = {{(options.Member ? "cluster" : "remote")}}
              remote.dot-netty.tcp { hostname = "{{options.Host}}", port = 0 }
              cluster {
                roles = [client]
                seed-nodes = ["{{options.Node}}"]
              }
            }
            """);
        // Pub-sub's configuration for both: a non-member needs its serializer too, for the envelope ClusterClient sends
        // (without it that envelope, and the command inside, would go by Akka's default JSON with CLR type names).
        var config = remote.WithFallback(SupervisorMessagesSetup.Config).WithFallback(DistributedPubSub.DefaultConfig());
        return options.Member ? config : config.WithFallback(ClusterClientReceptionist.DefaultConfig());
    }

    /// <summary>The actor system's setup: <see cref="Config"/>, and the nodes' mutual TLS when the options name a certificate.</summary>
    public static ActorSystemSetup Setup(SampleOptions options)
    {
        var config = Config(options);
        if (options.TlsCertificate is null || options.TlsTrusted is null) return ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config));
        return BootstrapSetup.Create().WithConfig(RemotingTls.Config.WithFallback(config))
            .And(RemotingTls.FromFiles(options.TlsCertificate, options.TlsPassword, options.TlsTrusted));
    }

    /// <summary>Opens the door: starts the cluster client, or waits until this member is up.</summary>
    public static async Task<Door> OpenAsync(ActorSystem system, SampleOptions options)
    {
        if (!options.Member)
        {
            var contacts = new[] { ActorPath.Parse(options.Node.TrimEnd('/') + "/system/receptionist") }.ToImmutableHashSet();
            var client = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system).WithInitialContacts(contacts)), "cluster-client");
            // The client buffers commands until it reaches a receptionist. GatewayRequests, not an Ask on the client:
            // its senders live on, so the receptionist keeps their reply tunnels (docs/interop.md).
            var gateway = new GatewayRequests(system, client, command => new ClusterClient.Send(Gateway.Path, command));
            return new Door(async (command, timeout) => await gateway.AskAsync(command, timeout));
        }
        var up = new TaskCompletionSource();
        Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var mediator = DistributedPubSub.Get(system).Mediator;
        return new Door((command, timeout) => mediator.Ask<object>(new Send(Gateway.Path, command, localAffinity: false), timeout));
    }

    /// <summary>
    /// Sends <paramref name="command"/> and expects a <typeparamref name="T"/>. A member learns where the gateways are by
    /// pub-sub gossip (about a second after it is up), so the first command (make it an idempotent one, such as a
    /// subscription) is sent again until one answers.
    /// </summary>
    /// <exception cref="DoorException">Another answer came (a <see cref="CommandFailed"/> says why).</exception>
    public async Task<T> AskAsync<T>(ISupervisorCommand command)
    {
        var deadline = DateTime.UtcNow + AskTimeout;
        while (true)
        {
            object answer;
            try
            {
                answer = await _ask(command, _answeredOnce ? AskTimeout : TimeSpan.FromSeconds(2));
            }
            catch (AskTimeoutException) when (!_answeredOnce && DateTime.UtcNow < deadline)
            {
                continue; // nothing has answered yet: the command never reached a gateway
            }
            _answeredOnce = true;
            return answer switch
            {
                T expected => expected,
                CommandFailed failed => throw new DoorException($"{command.GetType().Name} failed: {failed.Code}: {failed.Message}"),
                _ => throw new DoorException($"{command.GetType().Name} got an unexpected {answer.GetType().Name}"),
            };
        }
    }

    private bool _answeredOnce;
}
