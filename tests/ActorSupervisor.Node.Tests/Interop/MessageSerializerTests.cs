using System.Reflection;
using ActorSupervisor.Messages;
using Akka.Actor;
using Akka.Configuration;

namespace ActorSupervisor.Node.Tests.Interop;

/// <summary>The public message contract crosses the wire through its own serializer and manifests, never Akka's default.</summary>
public sealed class MessageSerializerTests : IAsyncLifetime
{
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("messages", ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(SupervisorMessagesSetup.Config));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.Terminate();

    public static TheoryData<ISupervisorMessage> Messages() =>
    [
        new CreateContainer("""{"name":"web","cmd":"sleep 100"}""", Start: true),
        new StartContainer("web"),
        new StopContainer("web", 3),
        new RestartContainer("web"),
        new KillContainer("web", "SIGTERM"),
        new PauseContainer("web"),
        new UnpauseContainer("web"),
        new RemoveContainer("web", Force: true),
        new GetContainer("web"),
        new ListContainers(All: true),
        new ContainerRemoved("abc"),
        new EventsSubscription(true),
        new CommandFailed(ErrorCodes.NotFound, "no such container: web"),
        new GetGroup("stack"),
        new StartGroup("stack"),
        new StopGroup("stack"),
        new RemoveGroup("stack"),
        new GroupRemoved("stack"),
    ];

    [Fact]
    public void Group_messages_with_lists_round_trip()
    {
        var create = RoundTrip(new CreateGroup("stack", ["db", "app"], "one_for_all", 3, "1m"));
        Assert.Equal(["db", "app"], create.Members);
        Assert.Equal(("stack", "one_for_all", 3, "1m"), (create.Name, create.Strategy, create.MaxRestarts, create.Window));
        var view = new GroupView("stack", "one_for_all", "active", "node-1", [new GroupMemberView("abc", "db", "running", "node-1")], 2, 3, "1m0s",
            Problems: ["app: did not answer"]);
        var back = RoundTrip(new GroupResult(view)).Group;
        Assert.Equal(view.Members, back.Members);
        Assert.Equal(view.Problems, back.Problems);
        Assert.Equal(view with { Members = back.Members, Problems = back.Problems }, back);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_round_trips_under_its_manifest(ISupervisorMessage message)
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        Assert.IsType<SupervisorMessageSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        Assert.StartsWith("asv.", manifest, StringComparison.Ordinal);
        var back = _system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
        Assert.Equal(message, back);
    }

    [Fact]
    public void Replies_with_collections_and_events_round_trip()
    {
        var view = new ContainerView(new string('a', 64), "web", "node-1", "running", 2, null, null, 42, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);
        var list = RoundTrip(new ContainerList([view]));
        Assert.Equal(view, Assert.Single(list.Containers));
        Assert.Equal(view, RoundTrip(new ContainerResult(view)).Container);
        var notice = RoundTrip(new ContainerEventNotice(7, 3, DateTimeOffset.UnixEpoch, "die", view.Id, "web", new Dictionary<string, string> { ["exitCode"] = "1" }, "it exited"));
        Assert.Equal("1", notice.Attributes["exitCode"]);
        Assert.Equal("it exited", notice.Why);
    }

    [Fact]
    public void A_subscription_carries_its_subscriber_as_an_actor_path()
    {
        var subscriber = _system.ActorOf(Props.Empty, "subscriber");
        Assert.Equal(subscriber, RoundTrip(new SubscribeEvents(subscriber)).Subscriber);
        Assert.Equal(subscriber, RoundTrip(new UnsubscribeEvents(subscriber)).Subscriber);
    }

    [Fact]
    public void An_unknown_manifest_is_a_serialization_error_naming_it()
    {
        var serializer = _system.Serialization.FindSerializerForType(typeof(GetContainer));
        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() =>
            _system.Serialization.Deserialize("{}"u8.ToArray(), serializer.Identifier, "asv.frobnicate.v9"));
        Assert.Contains("asv.frobnicate.v9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_error_codes_are_the_http_apis()
    {
        static IEnumerable<(string, object?)> Codes(Type type) =>
            type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (f.Name, f.GetValue(null))).OrderBy(f => f.Name);
        Assert.Equal(Codes(typeof(ActorSupervisor.Client.Contracts.ErrorCodes)), Codes(typeof(ErrorCodes)));
    }

    [Fact]
    public async Task A_cluster_client_configured_as_the_docs_say_sends_its_envelope_without_clr_type_names()
    {
        // docs/interop.md: a non-member takes pub-sub's configuration too. Without it ClusterClient's Send envelope (and
        // the command inside it) went by Akka's default JSON serializer, naming CLR types.
        var send = new Akka.Cluster.Tools.PublishSubscribe.Send(Gateway.Path, new GetContainer("web"));
        var documented = ActorSystem.Create("documented", ConfigurationFactory.ParseString("akka.loglevel = WARNING")
            .WithFallback(SupervisorMessagesSetup.Config)
            .WithFallback(Akka.Cluster.Tools.PublishSubscribe.DistributedPubSub.DefaultConfig())
            .WithFallback(Akka.Cluster.Tools.Client.ClusterClientReceptionist.DefaultConfig()));
        // The messages' serializer alone leaves the envelope to Akka's default, which names the command's CLR type.
        Assert.Contains(typeof(GetContainer).FullName!, Wire(_system, send), StringComparison.Ordinal);
        try
        {
            var wire = Wire(documented, send);
            Assert.DoesNotContain("$type", wire, StringComparison.Ordinal);
            Assert.DoesNotContain(typeof(GetContainer).FullName!, wire, StringComparison.Ordinal);
        }
        finally
        {
            await documented.Terminate();
        }

        static string Wire(ActorSystem system, object message) =>
            System.Text.Encoding.UTF8.GetString(system.Serialization.FindSerializerFor(message).ToBinary(message));
    }

    private T RoundTrip<T>(T message) where T : ISupervisorMessage
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return (T)_system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
    }
}
