using System.Runtime.Serialization;
using System.Text;
using System.Text.Json.Nodes;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Values;
using ActorSupervisor.Supervision.Serialization;
using Akka.Actor;

namespace ActorSupervisor.Persistence.Tests;

public sealed class ContainerSerializerTests() : Akka.TestKit.Xunit2.TestKit(ContainerSerialization.Config)
{
    [Theory]
    [MemberData(nameof(SampleEvents.All), MemberType = typeof(SampleEvents))]
    public void Every_event_and_the_state_round_trip_under_their_manifest(object value, string manifest)
    {
        var serializer = Assert.IsType<ContainerSerializer>(Sys.Serialization.FindSerializerFor(value));
        Assert.Equal(ContainerSerializer.SerializerId, serializer.Identifier);
        Assert.Equal(manifest, serializer.Manifest(value));

        var bytes = serializer.ToBinary(value);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("ActorSupervisor", text, StringComparison.Ordinal);
        Assert.DoesNotContain(value.GetType().Name + "\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", text, StringComparison.Ordinal);

        var back = serializer.FromBinary(bytes, manifest);
        Assert.IsType(value.GetType(), back);
        // Records holding dictionaries compare by reference; the re-serialized JSON compares by value.
        Assert.Equal(text, Encoding.UTF8.GetString(serializer.ToBinary(back)));
    }

    [Fact]
    public void Every_current_manifest_is_covered_by_the_table()
    {
        Assert.Equal(ContainerSerializer.CurrentManifests.Order(), SampleEvents.Pairs().Select(p => p.Manifest).Order());
    }

    [Fact]
    public void The_json_is_the_old_journal_shape_camel_case_without_nulls_or_discriminator()
    {
        var died = new ContainerEvent.Died(SampleEvents.At, 1, TimeSpan.FromSeconds(3), false, null, true);
        var text = Encoding.UTF8.GetString(Serializer().ToBinary(died));
        // "action" comes from the subtypes' Action overrides, which the domain does not mark [JsonIgnore]: the old journal has it too.
        var expected = JsonNode.Parse("""{"at":"2026-12-05T10:11:12.345+00:00","action":"die","exitCode":1,"execDuration":"00:00:03","oomKilled":false,"restartPending":true}""");
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(text)), text);
    }

    [Fact]
    public void A_spec_with_an_http_or_tcp_probe_round_trips_and_a_created_event_without_them_still_reads()
    {
        foreach (var check in new[]
        {
            new HealthCheck { HttpGet = new Uri("http://127.0.0.1:8080/healthz?deep=1") },
            new HealthCheck { TcpConnect = new TcpTarget("::1", 5432) },
        })
        {
            var created = new ContainerEvent.Created(SampleEvents.At, SampleEvents.Spec with { HealthCheck = check });
            var back = Assert.IsType<ContainerEvent.Created>(Serializer().FromBinary(Serializer().ToBinary(created), ContainerManifests.Created));
            Assert.Equal(check, back.Spec.HealthCheck);
        }
    }

    [Fact]
    public void A_payload_the_old_journal_wrote_reads_as_it_is()
    {
        const string old = """{"at":"2026-01-02T03:04:05+00:00","signal":"SIGKILL","purpose":"Kill","cancelsRestart":false}""";
        var killed = Assert.IsType<ContainerEvent.Killed>(Serializer().FromBinary(Encoding.UTF8.GetBytes(old), "container.kill.v1"));
        Assert.Equal("SIGKILL", killed.Signal);
        Assert.Equal(StopPurpose.Kill, killed.Purpose);
    }

    [Fact]
    public void An_upcaster_reads_a_retired_manifest_through_a_chain()
    {
        var serializer = new ContainerSerializer((ExtendedActorSystem)Sys,
        [
            new ContainerUpcaster("container.die.v0", "container.die.v0b", json =>
            {
                json["exitCode"] = json["code"]?.DeepClone();
                json.AsObject().Remove("code");
                return json;
            }),
            new ContainerUpcaster("container.die.v0b", ContainerManifests.Died, json =>
            {
                json["restartPending"] ??= false;
                return json;
            }),
        ]);
        const string v0 = """{"at":"2026-01-02T03:04:05+00:00","code":137,"execDuration":"00:00:01","oomKilled":true}""";

        var died = Assert.IsType<ContainerEvent.Died>(serializer.FromBinary(Encoding.UTF8.GetBytes(v0), "container.die.v0"));

        Assert.Equal(137, died.ExitCode);
        Assert.True(died.OomKilled);
        Assert.False(died.RestartPending);
    }

    [Fact]
    public void An_upcaster_from_a_current_manifest_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ContainerSerializer((ExtendedActorSystem)Sys,
            [new ContainerUpcaster(ContainerManifests.Died, ContainerManifests.Died, json => json)]));
        Assert.Contains("container.die.v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_manifest_is_a_serialization_error_naming_it()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer().FromBinary("{}"u8.ToArray(), "container.teleport.v9"));
        Assert.Contains("'container.teleport.v9'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_that_does_not_match_its_manifest_is_a_serialization_error()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer().FromBinary("[1,2]"u8.ToArray(), ContainerManifests.Died));
        Assert.Contains(ContainerManifests.Died, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Through_akka_serialization_the_identifier_and_manifest_select_the_serializer()
    {
        var value = new ContainerEvent.Paused(SampleEvents.At);
        var bytes = Sys.Serialization.Serialize(value);
        var back = Sys.Serialization.Deserialize(bytes, ContainerSerializer.SerializerId, ContainerManifests.Paused);
        Assert.Equal(value, back);
    }

    // The journal is a stored format: events written before the trigger, recovery and shutdown fields existed read back
    // with their old meaning.
    [Fact]
    public void Events_written_before_the_new_fields_read_back_with_their_old_meaning()
    {
        var serializer = Serializer();
        var started = (ContainerEvent.Started)serializer.FromBinary(
            """{"at":"2026-01-01T00:00:00+00:00","workloadId":"1","pid":1,"startTicks":2,"byPolicy":false}"""u8.ToArray(), ContainerManifests.Started);
        Assert.Equal((StartTrigger.Operator, false), (started.Trigger, started.Recovery));
        var stopped = (ContainerEvent.Stopped)serializer.FromBinary("""{"at":"2026-01-01T00:00:00+00:00"}"""u8.ToArray(), ContainerManifests.Stopped);
        Assert.False(stopped.ByShutdown);
        var killed = (ContainerEvent.Killed)serializer.FromBinary(
            """{"at":"2026-01-01T00:00:00+00:00","signal":"SIGKILL","purpose":"Shutdown","cancelsRestart":true}"""u8.ToArray(), ContainerManifests.Killed);
        Assert.Equal(StopPurpose.Shutdown, killed.Purpose);
    }

    private ContainerSerializer Serializer() => new((ExtendedActorSystem)Sys);
}
