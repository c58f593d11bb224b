using System.Collections.Concurrent;
using ActorSupervisor.Messages;
using ActorSupervisor.Tests.Shared;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace ActorSupervisor.Node.Tests.Interop;

/// <summary>
/// <see cref="GatewayRequests"/> against a door that records each command's sender and answers when told: commands go
/// out with long-lived senders (so a node's receptionist keeps their response tunnels), each caller gets its own
/// command's reply, and a sender whose command went unanswered is never used again.
/// </summary>
public sealed class GatewayRequestsTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ConcurrentQueue<(string Container, IActorRef Sender)> _received = new();
    private readonly FakeTimeProvider _time = new();
    private ActorSystem _system = null!;
    private IActorRef _door = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("requests", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        _door = _system.ActorOf(Props.Create(() => new Door(_received)), "door");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.Terminate();

    private GatewayRequests Requests() => new(_system, _door, command => new Envelope(command), _time);

    [Fact]
    public async Task Commands_one_after_another_go_out_with_one_sender_that_is_no_ask_temporary()
    {
        using var requests = Requests();
        for (var i = 0; i < 3; i++)
        {
            var reply = await requests.AskAsync(new GetContainer($"c{i}"), Timeout);
            Assert.Equal($"c{i}", Assert.IsType<ContainerResult>(reply).Container.Name);
        }
        var senders = _received.Select(r => r.Sender).Distinct().ToList();
        var sender = Assert.Single(senders);
        // Akka's receptionist stops an Ask's tunnel after one reply (and makes a new one for the next): /temp/$...
        Assert.NotEqual("temp", sender.Path.Elements[0]);
    }

    [Fact]
    public async Task Concurrent_commands_each_get_their_own_reply()
    {
        using var requests = Requests();
        var asks = Enumerable.Range(0, 20).Select(i => requests.AskAsync(new GetContainer($"c{i}"), Timeout)).ToList();
        var replies = await Task.WhenAll(asks);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"c{i}"), replies.Select(r => Assert.IsType<ContainerResult>(r).Container.Name));
    }

    [Fact]
    public async Task An_unanswered_command_times_out_and_its_late_reply_reaches_no_later_command()
    {
        using var requests = Requests();
        var unanswered = requests.AskAsync(new GetContainer("hold"), TimeSpan.FromSeconds(5));
        var held = await Eventually.SomeAsync(() => _received.FirstOrDefault(r => r.Container == "hold").Sender, "the door got the held command");
        _time.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<AskTimeoutException>(() => unanswered);

        var next = requests.AskAsync(new GetContainer("next"), Timeout);
        var nextSender = await Eventually.SomeAsync(() => _received.FirstOrDefault(r => r.Container == "next").Sender, "the door got the next command");
        Assert.NotEqual(held, nextSender);
        held.Tell(Reply("hold")); // late: the retired sender drops it (or is gone)
        nextSender.Tell(Reply("next"));
        Assert.Equal("next", Assert.IsType<ContainerResult>(await next).Container.Name);
    }

    [Fact]
    public async Task A_sender_idle_longer_than_its_lifetime_is_not_used_again()
    {
        using var requests = Requests();
        await requests.AskAsync(new GetContainer("a"), Timeout);
        _time.Advance(GatewayRequests.IdleLifetime - TimeSpan.FromSeconds(1));
        await requests.AskAsync(new GetContainer("b"), Timeout);
        _time.Advance(GatewayRequests.IdleLifetime);
        await requests.AskAsync(new GetContainer("c"), Timeout);
        var senders = _received.Select(r => r.Sender).ToList();
        Assert.Equal(senders[0], senders[1]);
        Assert.NotEqual(senders[1], senders[2]);
    }

    private static ContainerResult Reply(string name) => new(new ContainerView(name, name, "node-1", "running"));

    /// <summary>What a ClusterClient.Send is to the client: the command wrapped for the door.</summary>
    private sealed record Envelope(ISupervisorCommand Command);

    /// <summary>Records each get's sender and answers it at once, except "hold" (the test answers that itself).</summary>
    private sealed class Door : ReceiveActor
    {
        public Door(ConcurrentQueue<(string, IActorRef)> received) => Receive<Envelope>(envelope =>
        {
            var get = (GetContainer)envelope.Command;
            received.Enqueue((get.Container, Sender));
            if (get.Container is not ("hold" or "next")) Sender.Tell(Reply(get.Container));
        });
    }
}
