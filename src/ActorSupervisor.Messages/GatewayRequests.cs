using Akka.Actor;

namespace ActorSupervisor.Messages;

/// <summary>
/// Asks the gateway (<see cref="Gateway.Path"/>) from outside an actor: each command goes out with a long-lived reply
/// actor of this pool as its sender, one command at a time per reply actor, instead of an Ask's temporary one.
/// </summary>
/// <remarks>
/// Why not <c>client.Ask(new ClusterClient.Send(...))</c>: a node's cluster-client receptionist tunnels replies through
/// a child actor per distinct sender, and an Ask's sender is new every time, so every Ask made the receptionist create
/// (its props built by compiling an expression tree) and stop a tunnel actor: about 1 ms of a ~1.5 ms round trip
/// (docs/interop.md, Figures). A reply actor that is used again keeps its tunnel. A reply actor whose command was not
/// answered in time is retired, never used again, so a late reply cannot be taken for the next command's; one idle for
/// longer than <see cref="IdleLifetime"/> is retired too, before the receptionist's tunnel for it times out.
/// </remarks>
/// <example><code>
/// var client = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system).WithInitialContacts(contacts)));
/// var gateway = new GatewayRequests(system, client, command => new ClusterClient.Send(Gateway.Path, command));
/// var reply = await gateway.AskAsync(new GetContainer("web"), TimeSpan.FromSeconds(5));
/// </code></example>
public sealed class GatewayRequests : IDisposable
{
    /// <summary>
    /// How long a reply actor may sit idle and still be used: below the receptionist's
    /// <c>akka.cluster.client.receptionist.response-tunnel-receive-timeout</c> (Akka's 30 s, which nodes keep), after
    /// which the node stops the tunnel and a reply racing that stop would be lost.
    /// </summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(20);

    // Idle reply actors beyond this many are retired when they come back (a burst's extras are not kept).
    private const int MaxIdle = 64;

    private readonly IActorRefFactory _actors;
    private readonly IActorRef _door;
    private readonly Func<ISupervisorCommand, object> _envelope;
    private readonly TimeProvider _time;
    private readonly Stack<Replier> _idle = new();
    private bool _disposed;

    /// <summary>A pool that sends each command to <paramref name="door"/> wrapped by <paramref name="envelope"/>.</summary>
    /// <param name="actors">Where the reply actors are created (the actor system).</param>
    /// <param name="door">The way in: the <c>ClusterClient</c> actor.</param>
    /// <param name="envelope">Wraps a command for <paramref name="door"/>: <c>command => new ClusterClient.Send(Gateway.Path, command)</c>.</param>
    /// <param name="time">The clock idle reply actors are judged by (the system's by default).</param>
    public GatewayRequests(IActorRefFactory actors, IActorRef door, Func<ISupervisorCommand, object> envelope, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(actors);
        ArgumentNullException.ThrowIfNull(door);
        ArgumentNullException.ThrowIfNull(envelope);
        _actors = actors;
        _door = door;
        _envelope = envelope;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Sends <paramref name="command"/> and returns the gateway's reply.</summary>
    /// <exception cref="AskTimeoutException">No reply came within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async Task<ISupervisorReply> AskAsync(ISupervisorCommand command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var replier = Take();
        var pending = new TaskCompletionSource<ISupervisorReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        replier.Pending = pending;
        _door.Tell(_envelope(command), replier.Actor);
        ISupervisorReply reply;
        try
        {
            reply = await pending.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Unanswered: the reply may still come, so this reply actor is never used again. Unless its answer is being
            // handed over this very moment (the reply actor took the command's place): then that answer is the reply.
            if (Interlocked.CompareExchange(ref replier.Pending, null, pending) == pending)
            {
                Retire(replier);
                if (e is OperationCanceledException) throw;
                throw new AskTimeoutException($"{command.GetType().Name}: no reply from the gateway within {timeout}");
            }
            reply = await Answered(pending.Task, replier).ConfigureAwait(false);
        }
        catch
        {
            Retire(replier); // an answer that is not a reply: this actor's conversation is not one to continue
            throw;
        }
        Return(replier);
        return reply;
    }

    private static async Task<ISupervisorReply> Answered(Task<ISupervisorReply> answer, Replier replier)
    {
        try
        {
            return await answer.ConfigureAwait(false);
        }
        catch
        {
            Retire(replier);
            throw;
        }
    }

    /// <summary>Stops the idle reply actors; a command still waiting keeps its own until it ends.</summary>
    public void Dispose()
    {
        lock (_idle)
        {
            _disposed = true;
            while (_idle.TryPop(out var replier)) Retire(replier);
        }
    }

    private Replier Take()
    {
        var now = _time.GetTimestamp();
        lock (_idle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            while (_idle.TryPop(out var replier))
            {
                if (_time.GetElapsedTime(replier.IdleSince, now) < IdleLifetime) return replier;
                Retire(replier);
            }
        }
        var created = new Replier();
        created.Actor = _actors.ActorOf(Props.Create(typeof(ReplyActor), created));
        return created;
    }

    private void Return(Replier replier)
    {
        replier.IdleSince = _time.GetTimestamp();
        lock (_idle)
        {
            if (!_disposed && _idle.Count < MaxIdle)
            {
                _idle.Push(replier);
                return;
            }
        }
        Retire(replier);
    }

    private static void Retire(Replier replier) => replier.Actor.Tell(PoisonPill.Instance);

    /// <summary>A reply actor and the command it waits for (set before the command is sent, taken by the reply).</summary>
    private sealed class Replier
    {
        public TaskCompletionSource<ISupervisorReply>? Pending;
        public IActorRef Actor = ActorRefs.Nobody;
        public long IdleSince;
    }

    /// <summary>Hands the one answer to the command waiting for it (none waits for a reply after its command gave up: dropped).</summary>
    private sealed class ReplyActor(Replier replier) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var pending = Interlocked.Exchange(ref replier.Pending, null);
            if (message is ISupervisorReply reply) pending?.TrySetResult(reply);
            else pending?.TrySetException(new InvalidOperationException($"the gateway answered with a {message.GetType().Name}, not a reply of ActorSupervisor.Messages"));
        }
    }
}
