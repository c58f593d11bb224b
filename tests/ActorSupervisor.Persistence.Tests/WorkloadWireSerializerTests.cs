using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using ActorSupervisor.Supervision.Serialization;
using ActorSupervisor.Supervision.Workloads;
using Akka.Actor;

namespace ActorSupervisor.Persistence.Tests;

/// <summary>
/// The workload messages between nodes (log reads, exec sessions, stats): each comes back as it left under its own
/// manifest, without CLR type names; an unknown manifest or a payload that does not fit it is a clear error.
/// </summary>
public sealed class WorkloadWireSerializerTests() : Akka.TestKit.Xunit2.TestKit(ContainerSerialization.Config)
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 23, 0, 0, TimeSpan.FromHours(1));

    private static readonly object[] Samples =
    [
        new LogsOpen("c1", 10, At, Follow: true),
        new LogsOpen("c1", null, null, Follow: false),
        new ExecOpen("c1", ["sh", "-c", "echo hi"], Stdin: true, Tty: false),
        new SessionOpened("akka.tcp://asv@127.0.0.1:2552/user/workload-reader/$a"),
        SessionPull.Instance,
        SessionClose.Instance,
        new SessionBatch([new WorkloadItem(false, At, "a line"), new WorkloadItem(true, Data: [0, 1, 255])], End: true, ExitCode: 3),
        new ExecInput([1, 2, 3]),
        ExecCloseInput.Instance,
        SessionAck.Instance,
        StatsRead.Instance,
        new StatsReadings("node-2", [new StatsReading("c1", At, 12_345, 4096, 1 << 20, 3, 1, 2, null, null)]),
        new WorkloadRefused(WorkloadRefusal.Unavailable, "c1", SessionAdmission.LeavingMessage("node-3")),
        new WorkloadRefused(WorkloadRefusal.Runtime, "c1", "exec: not found", ExitCode: 127),
    ];

    public static TheoryData<object> Messages() => new(Samples);

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_comes_back_as_it_left_under_its_own_manifest(object message)
    {
        var serializer = Serializer();
        Assert.Same(serializer.GetType(), Sys.Serialization.FindSerializerFor(message).GetType());
        var manifest = serializer.Manifest(message);
        var bytes = serializer.ToBinary(message);
        Assert.DoesNotContain("ActorSupervisor", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("ActorSupervisor", manifest, StringComparison.Ordinal);

        var back = serializer.FromBinary(bytes, manifest);

        Assert.IsType(message.GetType(), back);
        // Records holding lists and arrays compare by reference: compare what they hold.
        Assert.Equal(JsonSerializer.Serialize(message, message.GetType()), JsonSerializer.Serialize(back, back.GetType()));
    }

    [Fact]
    public void The_samples_cover_every_workload_message_and_each_has_a_manifest_of_its_own()
    {
        var owned = typeof(IWorkloadMessage).Assembly.GetTypes()
            .Where(t => typeof(IWorkloadMessage).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false }).ToHashSet();
        var sampled = Samples.Select(sample => sample.GetType()).ToHashSet();
        Assert.Equal(owned.OrderBy(t => t.Name).Select(t => t.Name), sampled.OrderBy(t => t.Name).Select(t => t.Name));

        var serializer = Serializer();
        var manifests = owned.Select(t => serializer.Manifest(Samples.First(sample => sample.GetType() == t))).ToList();
        Assert.Equal(manifests.Count, manifests.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void An_unknown_manifest_is_refused_naming_it_and_the_serializer()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer().FromBinary("{}"u8.ToArray(), "logs-open-v9"));
        Assert.Equal($"unknown manifest 'logs-open-v9' for the workload wire serializer ({WorkloadWireSerializer.SerializerId})", error.Message);
    }

    [Fact]
    public void A_payload_that_does_not_fit_its_manifest_or_a_null_one_is_refused_naming_the_manifest()
    {
        var serializer = Serializer();
        Assert.StartsWith("the payload does not match manifest 'logs-open': ",
            Assert.Throws<SerializationException>(() => serializer.FromBinary("[1]"u8.ToArray(), "logs-open")).Message, StringComparison.Ordinal);
        Assert.Equal("'session-batch' is JSON null",
            Assert.Throws<SerializationException>(() => serializer.FromBinary("null"u8.ToArray(), "session-batch")).Message);
    }

    [Fact]
    public void A_message_it_does_not_carry_is_refused_naming_its_type()
    {
        var error = Assert.Throws<ArgumentException>(() => Serializer().Manifest("a string"));
        Assert.StartsWith("the workload wire serializer does not carry String", error.Message, StringComparison.Ordinal);
    }

    private WorkloadWireSerializer Serializer() => new((ExtendedActorSystem)Sys);
}
