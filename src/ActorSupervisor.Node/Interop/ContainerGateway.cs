using System.Text;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Messages;
using ActorSupervisor.Node.Api;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Api.Streaming;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Node.Hosting;
using ActorSupervisor.Supervision.Hosting;
using Akka.Actor;
using ErrorCodes = ActorSupervisor.Messages.ErrorCodes;

namespace ActorSupervisor.Node.Interop;

/// <summary>
/// The door for other actor systems (<see cref="Gateway.Path"/> on every node): takes the commands of
/// ActorSupervisor.Messages, runs them through <see cref="ContainerOperations"/> (the HTTP API's own code path) and
/// answers each with one reply; refusals carry the API's error code (<see cref="ApiExceptionHandler.Map"/>). Event
/// subscribers get every container event of the cluster, narrated as the API's event stream tells them, read from the
/// journal from the moment the first one subscribed (the feed stops when the last one leaves).
/// </summary>
internal sealed class ContainerGateway : ReceiveActor
{
    private readonly IContainerService _containers;
    private readonly IGroupService _groups;
    private readonly NodeOptions _options;
    private readonly NodeJournal _journal;
    private readonly ILogger _logger;
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly List<IActorRef> _waitingForFeed = [];
    private CancellationTokenSource? _feed;
    private bool _feedReady;

    private sealed record FeedReady;

    /// <summary>A gateway over <paramref name="containers"/>.</summary>
    public ContainerGateway(IContainerService containers, IGroupService groups, NodeOptions options, NodeJournal journal, ILogger logger)
    {
        _containers = containers;
        _groups = groups;
        _options = options;
        _journal = journal;
        _logger = logger;
        Receive<SubscribeEvents>(Subscribe);
        Receive<UnsubscribeEvents>(unsubscribe =>
        {
            Unsubscribe(unsubscribe.Subscriber);
            Sender.Tell(new EventsSubscription(false));
        });
        Receive<Terminated>(terminated => Unsubscribe(terminated.ActorRef));
        Receive<FeedReady>(_ =>
        {
            _feedReady = true;
            foreach (var waiting in _waitingForFeed) waiting.Tell(new EventsSubscription(true));
            _waitingForFeed.Clear();
        });
        Receive<ContainerEventNotice>(notice =>
        {
            foreach (var subscriber in _subscribers) subscriber.Tell(notice);
        });
        Receive<ISupervisorCommand>(command =>
        {
            var replyTo = Sender;
            var caller = Sender.Path.Address;
            HandleAsync(command, caller).PipeTo(replyTo);
        });
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _feed?.Cancel();
        _feed?.Dispose();
    }

    private async Task<ISupervisorReply> HandleAsync(ISupervisorCommand command, Address caller)
    {
        var cancellationToken = CancellationToken.None;
        try
        {
            return command switch
            {
                CreateContainer create => Result(await ContainerOperations.CreateAsync(_containers, ReadSpec(create.Spec), create.Start, _options, cancellationToken)),
                StartContainer start => Result(await ContainerOperations.StartAsync(_containers, start.Container, cancellationToken)),
                StopContainer stop => Result(await ContainerOperations.SendAsync(_containers, stop.Container,
                    new ContainerCommand.Stop(ContainerOperations.StopTimeout(stop.TimeoutSeconds, "timeoutSeconds")), cancellationToken)),
                RestartContainer restart => Result(await ContainerOperations.SendAsync(_containers, restart.Container,
                    new ContainerCommand.Restart(ContainerOperations.StopTimeout(restart.TimeoutSeconds, "timeoutSeconds")), cancellationToken)),
                KillContainer kill => Result(await ContainerOperations.SendAsync(_containers, kill.Container,
                    ContainerOperations.Kill(kill.Signal, "signal"), cancellationToken)),
                PauseContainer pause => Result(await ContainerOperations.SendAsync(_containers, pause.Container, new ContainerCommand.Pause(), cancellationToken)),
                UnpauseContainer unpause => Result(await ContainerOperations.SendAsync(_containers, unpause.Container, new ContainerCommand.Unpause(), cancellationToken)),
                RemoveContainer remove => new ContainerRemoved(await ContainerOperations.RemoveAsync(_containers, remove.Container, remove.Force, cancellationToken)),
                GetContainer get => Result(await ContainerOperations.InspectAsync(_containers, get.Container, cancellationToken)),
                ListContainers list => new ContainerList((await ContainerOperations.ListAsync(_containers, list.All, ContainerListFilter.Parse([]), cancellationToken))
                    .Select(c => InteropMapper.ToView(Api.Mapping.ContainerMapper.ToInfo(c))).ToList()),
                CreateGroup create => Group(await GroupOperations.CreateAsync(_groups, GroupRequest(create), cancellationToken)),
                GetGroup get => Group(await GroupOperations.InspectAsync(_groups, get.Name, cancellationToken)),
                StartGroup start => Group(await GroupOperations.SendAsync(_groups, start.Name, new GroupCommand.Start(), cancellationToken)),
                StopGroup stop => Group(await GroupOperations.SendAsync(_groups, stop.Name, new GroupCommand.Stop(), cancellationToken)),
                RemoveGroup remove => new GroupRemoved((await GroupOperations.SendAsync(_groups, remove.Name, new GroupCommand.Remove(), cancellationToken)).Name),
                _ => new CommandFailed(ErrorCodes.InvalidArgument, $"the gateway does not handle {command.GetType().Name}"),
            };
        }
        catch (Exception e)
        {
            var (status, error) = ApiExceptionHandler.Map(e);
            if (status >= 500 && e is not ContainerUnavailableException)
                _logger.LogError(e, "{Command} from {Caller} failed", command.GetType().Name, caller);
            return new CommandFailed(error.Code, error.Message);
        }
    }

    private ActorSupervisor.Values.Specs.RawContainerSpec ReadSpec(string spec)
    {
        var bytes = Encoding.UTF8.GetBytes(spec ?? "");
        if (bytes.Length > _options.Api.MaxBodyBytes)
            throw ApiProblemException.InvalidArgument("spec", null, $"the spec is larger than {_options.Api.MaxBodyBytes} bytes (actor-supervisor.node.api.max-body-size)");
        return JsonBody.Parse(bytes, ApiJsonContext.Default.RawContainerSpec);
    }

    private static Messages.ContainerResult Result(ContainerInfo info) => new(InteropMapper.ToView(info));

    private static GroupResult Group(GroupSnapshot group) => new(InteropMapper.ToView(Api.Mapping.GroupMapper.ToInfo(group)));

    // The message's intensity in the API's shape: given when either half is, so a half missing is refused naming it.
    private static GroupCreateRequest GroupRequest(CreateGroup create) => new()
    {
        Name = create.Name,
        Strategy = create.Strategy,
        Members = create.Members,
        Intensity = create.MaxRestarts is null && create.Window is null ? null
            : new ActorSupervisor.Values.Specs.RawIntensity { MaxRestarts = create.MaxRestarts, Window = create.Window },
    };

    private void Subscribe(SubscribeEvents subscribe)
    {
        if (_subscribers.Add(subscribe.Subscriber)) Context.Watch(subscribe.Subscriber);
        if (_feedReady)
        {
            Sender.Tell(new EventsSubscription(true));
            return;
        }
        _waitingForFeed.Add(Sender);
        if (_feed is not null) return;
        _feed = new CancellationTokenSource();
        var self = Self;
        var token = _feed.Token;
        var events = _journal.Events;
        var containers = _containers;
        var journal = _journal;
        var logger = _logger;
        _ = Task.Run(async () =>
        {
            try
            {
                var start = await events.ReadHighestOffsetAsync(token);
                self.Tell(new FeedReady());
                await foreach (var e in NarratedEvents.ReadAsync(events.SubscribeAsync(start, token), containers, journal, token))
                    self.Tell(InteropMapper.ToNotice(e));
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The last subscriber left, or the node stops.
            }
            catch (Exception e)
            {
                logger.LogError(e, "The gateway's event feed failed; subscribers get no more events until they subscribe again");
            }
        }, CancellationToken.None);
    }

    private void Unsubscribe(IActorRef subscriber)
    {
        if (!_subscribers.Remove(subscriber)) return;
        Context.Unwatch(subscriber);
        if (_subscribers.Count > 0 || _feed is null) return;
        _feed.Cancel();
        _feed.Dispose();
        _feed = null;
        _feedReady = false;
    }
}

/// <summary>Starts the <see cref="ContainerGateway"/> of a node.</summary>
internal static class ContainerGateways
{
    /// <summary>Starts the gateway on <paramref name="host"/>'s actor system and registers it with the cluster-client receptionist (and so with distributed pub-sub).</summary>
    public static IActorRef Start(ContainerHost host, NodeOptions options, NodeJournal journal, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ActorSupervisor.Node.Interop.ContainerGateway");
        var gateway = host.System.ActorOf(Props.Create(() => new ContainerGateway(host, host, options, journal, logger)), Gateway.Name);
        Akka.Cluster.Tools.Client.ClusterClientReceptionist.Get(host.System).RegisterService(gateway);
        return gateway;
    }
}
