using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Mailboxes;
using ActorSupervisor.Supervision.Persistence;
using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using static ActorSupervisor.Containers.Domain.Groups.GroupCommand;

namespace ActorSupervisor.Supervision.Actors;

/// <summary>
/// One group of containers, event-sourced, as an entity of the <c>group</c> shard region (as <see cref="ContainerEntity"/>
/// for a container), so its state survives node restarts and moves with its shard. Operator requests and members' exit
/// notices go through <see cref="GroupDecider.Decide"/>; a plan the decision begins (start in order, stop in reverse
/// order, a strategy's restart, a give-up, a removal) is persisted first and then carried out one step at a time, each
/// step a command to the member through the <c>container</c> region (wherever the member lives) that answers once the
/// member's runtime has done it. While a plan or a create's joins are under way every other request waits (stashed). A
/// group that recovers with a plan under way carries it out again from its first step: each step is idempotent.
/// </summary>
internal sealed class GroupEntity : UntypedPersistentActor
{
    private readonly string _name;
    private readonly SupervisionContext _context;
    private readonly Func<IActorRef> _containers;
    private GroupState _state = GroupState.Empty;
    private bool _busy;
    private long _generation;
    private int _step;
    private readonly List<IActorRef> _waiters = [];
    private readonly List<string> _problems = [];
    // A create's joins: the members joined so far and who asked.
    private GroupSpec? _joining;
    private readonly List<string> _joined = [];
    private IActorRef _creator = ActorRefs.Nobody;

    /// <param name="name">The group's name; also this entity's id.</param>
    /// <param name="context">What the host shares with its entities.</param>
    /// <param name="containers">The container shard region.</param>
    public GroupEntity(string name, SupervisionContext context, Func<IActorRef> containers)
    {
        _name = name;
        _context = context;
        _containers = containers;
        PersistenceId = GroupPersistenceIds.Of(name);
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <summary>The props the shard region creates entities from, on the compact mailbox (no ~1.1 KB queue per idle entity).</summary>
    public static Props PropsFor(string name, SupervisionContext context, Func<IActorRef> containers) =>
        Props.Create(() => new GroupEntity(name, context, containers)).WithMailbox(CompactDequeMailbox.Id);

    private DateTimeOffset Now => _context.Time.GetUtcNow();

    private ILogger Logger => _context.Log;

    /// <inheritdoc />
    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case GroupEvent e:
                _state = _state.Apply(e);
                break;
            case RecoveryCompleted when _state.Plan is not null:
                Logger.LogInformation("Group {Group}: recovered with a {Plan} under way; carrying it out again", _name, _state.Plan.Kind);
                RunPlan();
                break;
        }
    }

    /// <inheritdoc />
    protected override void OnCommand(object message)
    {
        if (_busy && message is GroupRequest or GroupInspect)
        {
            Stash.Stash();
            return;
        }
        switch (message)
        {
            case GroupInspect:
                if (_state.Status is GroupStatus.None) Sender.Tell(new GroupFailure(ContainerFailureKind.NotFound, _name, $"no such group: {_name}"));
                else Sender.Tell(Reply());
                break;
            case GroupRequest { Command: Create create }:
                BeginCreate(create);
                break;
            case GroupRequest request:
                Decide(request.Command, request.Command is MemberExited ? null : Sender);
                break;
            case JoinAnswered joined:
                OnJoinAnswered(joined);
                break;
            case StepAnswered answered when answered.Generation == _generation:
                OnStepAnswered(answered);
                break;
            case StepAnswered:
                break;
            case Retire:
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Decide(GroupCommand command, IActorRef? replyTo)
    {
        var decision = GroupDecider.Decide(_state, command, Now);
        if (decision.IsRejected)
        {
            var kind = _state.Status == GroupStatus.None ? ContainerFailureKind.NotFound : ContainerFailureKind.Rejected;
            if (replyTo is not null) replyTo.Tell(new GroupFailure(kind, _name, decision.Rejection!));
            else Logger.LogWarning("Group {Group}: {Command} ignored: {Reason}", _name, command.GetType().Name, decision.Rejection);
            if (_state.Status == GroupStatus.None) Passivate();
            return;
        }
        if (decision.Events.Count == 0)
        {
            replyTo?.Tell(Reply());
            return;
        }
        if (replyTo is not null) _waiters.Add(replyTo);
        _busy = true;
        PersistAll(decision.Events, e =>
        {
            _state = _state.Apply(e);
            if (!ReferenceEquals(e, decision.Events[^1])) return;
            Logger.LogInformation("Group {Group}: {Event}", _name, Describe(e));
            if (_state.Plan is not null) RunPlan();
            else Settle();
        });
    }

    /// <summary>Carries out the plan under way from its first step.</summary>
    private void RunPlan()
    {
        _busy = true;
        _generation++;
        _step = 0;
        _problems.Clear();
        NextStep();
    }

    private void NextStep()
    {
        var plan = _state.Plan!;
        if (_step >= plan.Steps.Count)
        {
            _busy = false;
            Decide(new CompletePlan(), null);
            return;
        }
        var step = plan.Steps[_step];
        ContainerCommand command = step.Action switch
        {
            GroupStepAction.Start => new ContainerCommand.GroupStart(plan.Reason),
            GroupStepAction.Stop => new ContainerCommand.GroupStop(plan.Reason),
            GroupStepAction.StopManual => new ContainerCommand.GroupStop(plan.Reason, Manual: true),
            GroupStepAction.GiveUp => new ContainerCommand.GiveUp(plan.Reason),
            _ => new ContainerCommand.JoinGroup(null, false),
        };
        var generation = _generation;
        var index = _step;
        Ask(step.MemberId, command).PipeTo(Self,
            success: answer => new StepAnswered(generation, index, answer),
            failure: e => new StepAnswered(generation, index, e));
    }

    private void OnStepAnswered(StepAnswered answered)
    {
        var step = _state.Plan!.Steps[answered.Index];
        if (answered.Answer is not ContainerReply)
        {
            // A member that was removed, refused or did not answer: the plan goes on with the next one (OTP's supervisor
            // does not stop at a child that is gone); the requester learns which step failed.
            var why = answered.Answer switch
            {
                ContainerFailure failure => failure.Reason,
                Exception e => e.Message,
                var other => other?.GetType().Name ?? "no answer",
            };
            var problem = $"{step.Action.ToString().ToLowerInvariant()} {MemberName(step.MemberId)}: {why}";
            _problems.Add(problem);
            Logger.LogWarning("Group {Group}: {Problem}", _name, problem);
        }
        _step = answered.Index + 1;
        NextStep();
    }

    /// <summary>Answers the waiters once nothing is under way, then takes the next stashed message.</summary>
    private void Settle()
    {
        _busy = false;
        var reply = Reply();
        foreach (var waiter in _waiters) waiter.Tell(reply);
        _waiters.Clear();
        if (_state.Status == GroupStatus.Removed)
        {
            Passivate();
            return;
        }
        Stash.UnstashAll();
    }

    private void BeginCreate(Create create)
    {
        // The decider refuses an existing group or a bad spec before any member is asked to join.
        var check = GroupDecider.Decide(_state, create, Now);
        if (check.IsRejected)
        {
            Sender.Tell(new GroupFailure(ContainerFailureKind.Rejected, _name, check.Rejection!));
            if (_state.Status == GroupStatus.None) Passivate();
            return;
        }
        _busy = true;
        _joining = create.Spec;
        _joined.Clear();
        _creator = Sender;
        JoinNext();
    }

    private void JoinNext()
    {
        var spec = _joining!;
        if (_joined.Count == spec.Members.Count)
        {
            _joining = null;
            _busy = false;
            Decide(new Create(spec), _creator);
            return;
        }
        var member = spec.Members[_joined.Count];
        Ask(member.Id, new ContainerCommand.JoinGroup(spec.Name, spec.DecidesRestarts)).PipeTo(Self,
            success: answer => new JoinAnswered(member.Id, answer),
            failure: e => new JoinAnswered(member.Id, e));
    }

    private void OnJoinAnswered(JoinAnswered answered)
    {
        if (answered.Answer is ContainerReply)
        {
            _joined.Add(answered.MemberId);
            JoinNext();
            return;
        }
        // One member refused (in another group, removed) or did not answer: the ones that joined leave again, nothing is created.
        var member = _joining!.Member(answered.MemberId)!;
        var why = answered.Answer switch
        {
            ContainerFailure { Kind: ContainerFailureKind.NotFound } => $"members: no such container: {member.Name}",
            ContainerFailure failure => $"members: {failure.Reason}",
            Exception e => $"members: container {member.Name} did not answer: {e.Message}",
            _ => $"members: container {member.Name} did not join",
        };
        foreach (var joined in _joined)
            _containers().Tell(new ContainerEnvelope(joined, new ContainerRequest(new ContainerCommand.JoinGroup(null, false))));
        _creator.Tell(new GroupFailure(answered.Answer is ContainerFailure ? ContainerFailureKind.Rejected : ContainerFailureKind.Unavailable, _name, why));
        _joining = null;
        _busy = false;
        Passivate();
    }

    private Task<object> Ask(string memberId, ContainerCommand command)
    {
        // A stop waits for the member's own stop timeout, as the host's commands do.
        var stopTimeout = _context.Directory.TryGet(memberId, out var entry) && entry.State.Spec is { } spec ? spec.StopTimeout : TimeSpan.Zero;
        return _containers().Ask<object>(new ContainerEnvelope(memberId, new ContainerRequest(command)), _context.Options.CommandTimeout + stopTimeout);
    }

    private GroupReply Reply() => new(_state, _context.Options.NodeId, [.. _problems]);

    private string MemberName(string id) => _state.Spec?.Member(id)?.Name ?? _joining?.Member(id)?.Name ?? id;

    private static string Describe(GroupEvent e) => e switch
    {
        GroupEvent.PlanBegun begun => $"{begun.Plan.Kind}: {begun.Plan.Reason}",
        GroupEvent.GaveUp gaveUp => $"gave up: {gaveUp.Reason}",
        _ => e.Action,
    };

    private void Passivate() => Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(Retire.Instance));

    /// <inheritdoc />
    protected override void PostStop()
    {
        foreach (var waiter in _waiters) waiter.Tell(new GroupFailure(ContainerFailureKind.Unavailable, _name, "its entity stopped before the request completed"));
        base.PostStop();
    }

    private sealed record StepAnswered(long Generation, int Index, object? Answer);

    private sealed record JoinAnswered(string MemberId, object? Answer);

    /// <summary>The message the shard sends back to stop a passivated entity.</summary>
    internal sealed record Retire
    {
        public static Retire Instance { get; } = new();
    }
}
