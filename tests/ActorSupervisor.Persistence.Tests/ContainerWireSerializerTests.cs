using ActorSupervisor.Containers.Domain.Groups;
using System.Runtime.Serialization;
using System.Text;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Supervision.Actors;
using ActorSupervisor.Supervision.Serialization;
using ActorSupervisor.Supervision.Workloads;
using Akka.Actor;

namespace ActorSupervisor.Persistence.Tests;

/// <summary>The messages that cross nodes of a cluster: each comes back as it left, under its own manifest, without CLR type names.</summary>
public sealed class ContainerWireSerializerTests() : Akka.TestKit.Xunit2.TestKit(ContainerSerialization.Config)
{
    [Fact]
    public void Every_serializer_a_node_registers_has_an_id_of_its_own()
    {
        // Akka only warns when two serializers share an id, and the later one then reads the other's messages.
        int[] ids = [ContainerSerializer.SerializerId, ContainerWireSerializer.SerializerId, WorkloadWireSerializer.SerializerId,
            ActorSupervisor.Messages.SupervisorMessageSerializer.SerializerId];
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    public static TheoryData<ContainerCommand> Commands() =>
    [
        new ContainerCommand.Create(SampleEvents.Spec),
        new ContainerCommand.Start(),
        new ContainerCommand.Start(StartTrigger.Recovery),
        new ContainerCommand.Stop(TimeSpan.FromSeconds(3)),
        new ContainerCommand.Restart(),
        new ContainerCommand.Kill("SIGTERM"),
        new ContainerCommand.Pause(),
        new ContainerCommand.Unpause(),
        new ContainerCommand.Remove(Force: true),
        new ContainerCommand.Update(RestartPolicy.OnFailure(3)),
        new ContainerCommand.RuntimeStarted("4242", 4242, 99, SampleEvents.At, StartTrigger.Policy),
        new ContainerCommand.RuntimeStartFailed(127, "exec: \"nope\": executable file not found"),
        new ContainerCommand.RuntimeStopEscalated(),
        new ContainerCommand.ShutdownStop(),
        new ContainerCommand.RuntimeExited(137, true, SampleEvents.At),
        new ContainerCommand.RuntimeOomKilled(),
        new ContainerCommand.RuntimePaused(),
        new ContainerCommand.RuntimeResumed(),
        new ContainerCommand.GiveUp("group stack gave up"),
        new ContainerCommand.JoinGroup("stack", true),
        new ContainerCommand.JoinGroup(null, false),
        new ContainerCommand.GroupStop("restarted by group stack (one_for_all) after db exited 1"),
        new ContainerCommand.GroupStop("group stack gave up", Manual: true),
        new ContainerCommand.GroupStart("restarted by group stack (one_for_all) after db exited 1"),
    ];

    [Fact]
    public void Group_requests_exit_notices_replies_and_failures_cross_nodes()
    {
        var spec = new GroupSpec("stack", GroupStrategy.OneForAll, [new GroupMember("c1", "db")], new RestartIntensity(2, TimeSpan.FromSeconds(5)));
        foreach (var command in new GroupCommand[] { new GroupCommand.Create(spec), new GroupCommand.Start(), new GroupCommand.Stop(), new GroupCommand.Remove(),
                     new GroupCommand.MemberExited("c1", 1, SampleEvents.At, MemberExitVerdict.GroupDecides) })
        {
            var envelope = RoundTrip(new GroupEnvelope("stack", new GroupRequest(command)));
            Assert.Equal("stack", envelope.Group);
            var back = Assert.IsType<GroupRequest>(envelope.Message).Command;
            Assert.Equal(command.GetType(), back.GetType());
            if (command is not GroupCommand.Create) Assert.Equal(command, back);
        }
        Assert.IsType<GroupInspect>(RoundTrip(new GroupEnvelope("stack", GroupInspect.Instance)).Message);
        var state = GroupState.Empty.Apply(new GroupEvent.Created(SampleEvents.At, spec));
        var reply = RoundTrip(new GroupReply(state, "node-2", ["start db: no answer"]));
        Assert.Equal(("node-2", GroupStatus.Active, "db", "start db: no answer"), (reply.Node, reply.State.Status, reply.State.Spec!.Members[0].Name, reply.Problems[0]));
        Assert.Equal(new GroupFailure(ContainerFailureKind.Rejected, "stack", "why"), RoundTrip(new GroupFailure(ContainerFailureKind.Rejected, "stack", "why")));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_crosses_nodes_in_a_request_and_in_a_runtime_notice(ContainerCommand command)
    {
        var request = RoundTrip(new ContainerEnvelope("c1", new ContainerRequest(command)));
        Assert.Equal("c1", request.ContainerId);
        AssertSameCommand(command, Assert.IsType<ContainerRequest>(request.Message).Command);

        var notice = Assert.IsType<RuntimeNotice>(RoundTrip(new ContainerEnvelope("c2", new RuntimeNotice("4242", command))).Message);
        Assert.Equal("4242", notice.WorkloadId);
        AssertSameCommand(command, notice.Command);
    }

    [Fact]
    public void Wake_drain_and_the_replies_cross_nodes()
    {
        Assert.IsType<Wake>(RoundTrip(new ContainerEnvelope("c1", Wake.Instance)).Message);
        Assert.True(Assert.IsType<Drain>(RoundTrip(new ContainerEnvelope("c1", new Drain(true))).Message).StopWorkload);
        var state = ContainerState.Empty.Apply(new ContainerEvent.Created(SampleEvents.At, SampleEvents.Spec));
        var woken = RoundTrip(new Woken("c1", true, state, 7, "node-2"));
        Assert.Equal(("c1", true, 7L, "node-2", state.Spec!.Name), (woken.ContainerId, woken.Exists, woken.SequenceNr, woken.Node, woken.State.Spec!.Name));
        Assert.Equal(new Drained("c1"), RoundTrip(new Drained("c1")));
        var reply = RoundTrip(new ContainerReply(state, 3, "node-3"));
        Assert.Equal((state.Spec!.Name, ContainerStatus.Created, 3L, "node-3"), (reply.State.Spec!.Name, reply.State.Status, reply.SequenceNr, reply.Node));
    }

    [Fact]
    public void Failures_state_changes_and_name_claims_cross_nodes()
    {
        foreach (var kind in Enum.GetValues<ContainerFailureKind>())
            Assert.Equal(new ContainerFailure(kind, "c1", "why"), RoundTrip(new ContainerFailure(kind, "c1", "why")));
        var state = ContainerState.Empty.Apply(new ContainerEvent.Created(SampleEvents.At, SampleEvents.Spec));
        var changed = RoundTrip(new ContainerStateChanged("c1", state, 1, "node-1"));
        Assert.Equal(("c1", 1L, "node-1", state.Spec!.Name), (changed.ContainerId, changed.SequenceNr, changed.Node, changed.State.Spec!.Name));
        var claim = RoundTrip(new ClaimName("web", "c1", new ContainerCommand.Create(SampleEvents.Spec)));
        Assert.Equal(("web", "c1"), (claim.Name, claim.ContainerId));
        AssertSameCommand(new ContainerCommand.Create(SampleEvents.Spec), claim.Create);
        Assert.Equal(new NameTaken("web", "c0"), RoundTrip(new NameTaken("web", "c0")));
    }

    [Fact]
    public void A_failure_becomes_the_exception_the_api_maps_on_the_asking_node()
    {
        Assert.IsType<ActorSupervisor.Supervision.Hosting.ContainerNotFoundException>(
            RoundTrip(ContainerFailure.Of("c1", new ActorSupervisor.Supervision.Hosting.ContainerNotFoundException("c1"))).ToException());
        var rejected = RoundTrip(ContainerFailure.Of("c1", new ActorSupervisor.Supervision.Hosting.CommandRejectedException("c1", "cannot pause: not running"))).ToException();
        Assert.Equal("cannot pause: not running", Assert.IsType<ActorSupervisor.Supervision.Hosting.CommandRejectedException>(rejected).Message);
        var unavailable = RoundTrip(ContainerFailure.Of("c1", new ActorSupervisor.Supervision.Hosting.ContainerUnavailableException("c1", "the journal is down"))).ToException();
        Assert.Equal("Container c1 is unavailable: the journal is down", unavailable.Message);
    }

    [Fact]
    public void Bad_input_names_the_manifest()
    {
        var serializer = Serializer();
        Assert.Contains("'nope'", Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "nope")).Message, StringComparison.Ordinal);
        Assert.Contains("envelope", Assert.Throws<SerializationException>(() => serializer.FromBinary("[1]"u8.ToArray(), "envelope")).Message, StringComparison.Ordinal);
    }

    private T RoundTrip<T>(T message) where T : notnull
    {
        var serializer = Serializer();
        Assert.Same(serializer.GetType(), Sys.Serialization.FindSerializerFor(message).GetType());
        var bytes = serializer.ToBinary(message);
        Assert.DoesNotContain("ActorSupervisor", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        return Assert.IsType<T>(serializer.FromBinary(bytes, serializer.Manifest(message)));
    }

    // Records holding lists and dictionaries compare by reference: compare what they print instead.
    private static void AssertSameCommand(ContainerCommand expected, ContainerCommand actual)
    {
        Assert.IsType(expected.GetType(), actual);
        if (expected is ContainerCommand.Create create)
            Assert.Equal(create.Spec.Name, ((ContainerCommand.Create)actual).Spec.Name);
        else
            Assert.Equal(expected, actual);
    }

    private ContainerWireSerializer Serializer() => new((ExtendedActorSystem)Sys);
}
