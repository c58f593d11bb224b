using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Mailboxes;
using Akka.Actor;
using Akka.Persistence;

namespace ActorSupervisor.Supervision.Actors;

/// <summary>
/// One container name of the cluster, as an entity of the <c>container-name</c> shard region: claims of the same name
/// meet here one after the other, whichever node they come from. A claim is granted when nobody holds the name, or
/// when its holder no longer exists or no longer has that name (it was removed, or its create never happened); the
/// grant is persisted before the container is created, so a later claim always knows whom to ask. While a claim is
/// being checked or carried out, the next ones wait (stashed).
/// </summary>
/// <remarks>
/// A name taken before names had entities has no history: the directory (filled from every container at start) tells
/// its holder. The entity stops as soon as no claim is under way or waiting (its history brings it back for the next
/// one): a name costs memory only while it is claimed, not one more actor per container.
/// </remarks>
internal sealed class NameEntity : UntypedPersistentActor
{
    /// <summary>The prefix of every name entity's persistence id (never <c>container-</c>: that one is the containers').</summary>
    public const string PersistenceIdPrefix = "name-";

    private readonly string _name;
    private readonly Func<IActorRef> _containers;
    private readonly ContainerDirectory _directory;
    private readonly TimeSpan _timeout;
    private string? _holder;
    private bool _busy;

    /// <param name="name">The name; also this entity's id.</param>
    /// <param name="containers">The container shard region.</param>
    /// <param name="directory">This node's directory, for names taken before name entities existed.</param>
    /// <param name="timeout">How long the holder's check and the create may take.</param>
    public NameEntity(string name, Func<IActorRef> containers, ContainerDirectory directory, TimeSpan timeout)
    {
        _name = name;
        _containers = containers;
        _directory = directory;
        _timeout = timeout;
        PersistenceId = PersistenceIdPrefix + name;
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <summary>The props the shard region creates entities from, on the compact mailbox (no ~1.1 KB queue per idle entity).</summary>
    public static Props PropsFor(string name, Func<IActorRef> containers, ContainerDirectory directory, TimeSpan timeout) =>
        Props.Create(() => new NameEntity(name, containers, directory, timeout)).WithMailbox(CompactDequeMailbox.Id);

    /// <inheritdoc />
    protected override void OnRecover(object message)
    {
        if (message is NameClaimed claimed) _holder = claimed.ContainerId;
    }

    /// <inheritdoc />
    protected override void OnCommand(object message)
    {
        // The stop waits too: stopping mid-claim would lose the answer of the claim under way.
        if (_busy && message is ClaimName or StopIdle)
        {
            Stash.Stash();
            return;
        }
        switch (message)
        {
            case ClaimName claim:
                OnClaim(claim);
                break;
            case HolderChecked check:
                OnHolderChecked(check);
                break;
            case Answered answered:
                Finish(answered.ReplyTo, answered.Answer);
                break;
            case StopIdle:
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnClaim(ClaimName claim)
    {
        _busy = true;
        var holder = _holder ?? _directory.IdOfName(_name);
        if (holder is null || holder == claim.ContainerId)
        {
            Take(claim, Sender);
            return;
        }
        var replyTo = Sender;
        _containers().Ask<Woken>(new ContainerEnvelope(holder, Wake.Instance), _timeout).ContinueWith(
            t => new HolderChecked(claim, replyTo, holder, t.IsCompletedSuccessfully ? t.Result : null),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).PipeTo(Self);
    }

    private void OnHolderChecked(HolderChecked check)
    {
        if (check.Woken is not { } woken)
            Finish(check.ReplyTo, new ContainerFailure(ContainerFailureKind.Unavailable, check.Claim.ContainerId,
                $"the container {check.Holder} that had the name \"{_name}\" did not answer within {_timeout} (its shard may be moving)"));
        else if (woken.Exists && woken.State.Spec?.Name == _name)
            Finish(check.ReplyTo, new NameTaken(_name, check.Holder));
        else
            Take(check.Claim, check.ReplyTo);
    }

    private void Take(ClaimName claim, IActorRef replyTo)
    {
        Persist(new NameClaimed(claim.ContainerId), claimed =>
        {
            _holder = claimed.ContainerId;
            _containers().Ask<object>(new ContainerEnvelope(claim.ContainerId, new ContainerRequest(claim.Create)), _timeout).ContinueWith(
                t => new Answered(replyTo, t.IsCompletedSuccessfully
                    ? t.Result
                    : new ContainerFailure(ContainerFailureKind.Unavailable, claim.ContainerId, $"it did not answer within {_timeout}; the create may still complete")),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).PipeTo(Self);
        });
    }

    private void Finish(IActorRef replyTo, object answer)
    {
        replyTo.Tell(answer);
        _busy = false;
        if (Stash.NonEmpty)
        {
            Stash.UnstashAll();
        }
        else
        {
            // Through the shard, which holds back what comes for this name until the entity has stopped.
            Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(StopIdle.Instance));
        }
    }

    private sealed record HolderChecked(ClaimName Claim, IActorRef ReplyTo, string Holder, Woken? Woken);

    private sealed record Answered(IActorRef ReplyTo, object Answer);

    /// <summary>The stop the shard sends back once it holds this name's messages.</summary>
    private sealed class StopIdle
    {
        public static readonly StopIdle Instance = new();
    }
}
