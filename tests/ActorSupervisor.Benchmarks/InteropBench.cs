using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using ActorSupervisor.Messages;
using ActorSupervisor.Tests.Shared;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using static ActorSupervisor.Benchmarks.BenchSupport;

namespace ActorSupervisor.Benchmarks;

/// <summary>
/// interop: what a foreign actor system sees of a real node process (docs/interop.md). From this process (not the
/// node's): the round trip of a <see cref="GetContainer"/> through <c>ClusterClient</c> as docs/interop.md says to ask
/// (<see cref="GatewayRequests"/>: interop.clusterclient.*) and with a plain Ask on the client
/// (interop.clusterclient_ask.*: a new temporary sender, so a new response tunnel on the node, per request), through
/// distributed pub-sub as a member with the client role (interop.proxy.*), and the lag of a container event at a
/// subscriber in the foreign system, from the event's journal time to its arrival (interop.events.lag_ms).
/// </summary>
public sealed class InteropBench : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "interop";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context)
    {
        var calls = context.Quick ? 300 : 2000;
        var events = context.Quick ? 20 : 100;
        var port = NodeProcess.FreePort();
        await using var node = await NodeProcess.StartAsync($"actor-supervisor.node.cluster.port = {port}");
        var address = $"akka.tcp://asv@127.0.0.1:{port}";
        await node.Client.CreateContainerAsync(new ActorSupervisor.Values.Specs.RawContainerSpec { Name = "bench", Cmd = "sleep 600" }, start: true);

        // As docs/interop.md configures a non-member: pub-sub's serializer for the envelope ClusterClient sends.
        var foreign = ActorSystem.Create("foreign", Config("remote", "").WithFallback(DistributedPubSub.DefaultConfig()).WithFallback(ClusterClientReceptionist.DefaultConfig()));
        var member = ActorSystem.Create("asv", Config("cluster", address).WithFallback(DistributedPubSub.DefaultConfig()));
        try
        {
            var contacts = ImmutableHashSet.Create(ActorPath.Parse(address + "/system/receptionist"));
            var client = foreign.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(foreign).WithInitialContacts(contacts)), "client");
            using var gateway = new GatewayRequests(foreign, client, command => new ClusterClient.Send(Gateway.Path, command));
            async Task<object> ViaClient(ISupervisorCommand command) => await gateway.AskAsync(command, TimeSpan.FromSeconds(5));
            Task<object> ViaClientAsk(ISupervisorCommand command) => client.Ask<object>(new ClusterClient.Send(Gateway.Path, command), TimeSpan.FromSeconds(5));
            var up = new TaskCompletionSource();
            Cluster.Get(member).RegisterOnMemberUp(() => up.TrySetResult());
            await up.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var mediator = DistributedPubSub.Get(member).Mediator;
            Task<object> ViaProxy(ISupervisorCommand command) => mediator.Ask<object>(new Send(Gateway.Path, command, localAffinity: false), TimeSpan.FromSeconds(5));

            // The number to beat is the API's (issue 13: "replies within the API's latency"): the same get over HTTP.
            Report(context, "api", await RoundTripsAsync(async () => (await node.Client.InspectContainerAsync("bench")).Name == "bench", calls), target: null);
            Report(context, "clusterclient", await RoundTripsAsync(async () => await ViaClient(new GetContainer("bench")) is ContainerResult, calls),
                target: "# note target: within the API's latency (interop.api.*); ClusterClient round trip p50 1.4 ms measured when issue 13 was filed");
            Report(context, "clusterclient_ask", await RoundTripsAsync(async () => await ViaClientAsk(new GetContainer("bench")) is ContainerResult, calls),
                target: "# note clusterclient_ask: a plain Ask on the client; each Ask's new sender costs the receptionist a new response tunnel actor");
            Report(context, "proxy", await RoundTripsAsync(async () => await ViaProxy(new GetContainer("bench")) is ContainerResult, calls), target: null);

            var arrivals = new ConcurrentQueue<(ContainerEventNotice Event, DateTimeOffset At)>();
            var subscriber = foreign.ActorOf(Props.Create(() => new Arrivals(arrivals)), "events");
            if (await ViaClient(new SubscribeEvents(subscriber)) is not EventsSubscription { Subscribed: true }) throw new InvalidOperationException("the subscription was refused");
            for (var i = 0; i < events; i++)
            {
                // Each restart is a stop, die and start: three events, paced so each lag is the event's alone.
                if (await ViaClient(new RestartContainer("bench", 1)) is CommandFailed failed) throw new InvalidOperationException(failed.Message);
            }
            await Until(() => arrivals.Count(a => a.Event.Type == "start") >= events, TimeSpan.FromSeconds(60));
            var lags = arrivals.Select(a => (a.At - a.Event.Time).TotalMilliseconds).ToList();
            context.Report("interop.events.lag_ms", Percentile(lags, 0.5), "ms");
            Note(FormattableString.Invariant($"events: {lags.Count} at the foreign subscriber, lag p99 {Percentile(lags, 0.99):0.##} ms (journal time to arrival); load {LoadAverage()}"));
        }
        finally
        {
            await Task.WhenAll(member.Terminate(), foreign.Terminate());
        }
    }

    /// <summary>Times <paramref name="calls"/> gets of the bench container (<paramref name="get"/> true when it answered with it), after a warm-up.</summary>
    private static async Task<List<double>> RoundTripsAsync(Func<Task<bool>> get, int calls)
    {
        // Warm-up: connections, pub-sub gossip (a member learns where the gateway is within a second or two), JIT.
        var warm = Stopwatch.StartNew();
        var answered = 0;
        while (answered < 50)
        {
            try
            {
                if (await get()) answered++;
            }
            catch (AskTimeoutException) when (warm.Elapsed < TimeSpan.FromSeconds(60))
            {
            }
        }
        var times = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (!await get()) throw new InvalidOperationException("a get was not answered with the container");
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return times;
    }

    private static void Report(BenchContext context, string way, List<double> times, string? target)
    {
        context.Report($"interop.{way}.p50_ms", Percentile(times, 0.5), "ms");
        context.Report($"interop.{way}.p99_ms", Percentile(times, 0.99), "ms");
        if (target is not null) Console.WriteLine(target);
        Note($"{way}: {times.Count} round trips, load {LoadAverage()}");
    }

    private static Config Config(string provider, string seed) => ConfigurationFactory.ParseString($$"""
        akka {
          loglevel = WARNING
          actor.provider = {{provider}}
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
          cluster { roles = [client], seed-nodes = [{{(seed.Length > 0 ? "\"" + seed + "\"" : "")}}] }
        }
        """).WithFallback(SupervisorMessagesSetup.Config);

    /// <summary>The foreign subscriber: records when each event arrived.</summary>
    private sealed class Arrivals : ReceiveActor
    {
        public Arrivals(ConcurrentQueue<(ContainerEventNotice, DateTimeOffset)> arrivals) =>
            Receive<ContainerEventNotice>(e => arrivals.Enqueue((e, DateTimeOffset.UtcNow)));
    }
}
