// A foreign actor system that creates a container on an ActorSupervisor cluster, watches its events, stops and
// removes it. Two ways in (docs/interop.md):
//   dotnet ContainerClient.dll --node akka.tcp://asv@10.0.0.5:4053              ClusterClient, not a member
//   dotnet ContainerClient.dll --node akka.tcp://asv@10.0.0.5:4053 --member     a cluster member with the client role
//   dotnet ContainerClient.dll --node akka.tcp://asv@10.0.0.5:4053 --group      a one_for_all group of NAME-a and NAME-b instead
// Options: --name NAME (default demo), --cmd SCRIPT (default "sleep 300"), --host ADDRESS this system binds (default 127.0.0.1),
// --tls-certificate client.pfx [--tls-password P] --tls-trusted cluster-ca.pem for nodes that speak mutual TLS.
using System.Threading.Channels;
using ActorSupervisor.Messages;
using ActorSupervisor.Samples.ContainerClient;
using Akka.Actor;

var options = SampleOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: ContainerClient --node akka.tcp://asv@HOST:PORT [--member] [--group] [--name NAME] [--cmd SCRIPT] [--host ADDRESS] " +
        "[--tls-certificate FILE.pfx [--tls-password P] --tls-trusted CA.pem]");
    return 2;
}

var system = ActorSystem.Create(options.Member ? "asv" : "container-client", Door.Setup(options));
try
{
    var door = await Door.OpenAsync(system, options);
    if (options.Group)
        return await GroupWalkThrough.RunAsync(door, options);
    var events = Channel.CreateUnbounded<ContainerEventNotice>();
    var subscriber = system.ActorOf(Props.Create(() => new EventPrinter(events.Writer)), "events");

    await door.AskAsync<EventsSubscription>(new SubscribeEvents(subscriber));
    Console.WriteLine("subscribed to container events");

    var spec = $$"""{"name":"{{options.Name}}","cmd":"{{options.Command.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}""";
    var created = (await door.AskAsync<ContainerResult>(new CreateContainer(spec, Start: true))).Container;
    Console.WriteLine($"created {created.Name} {created.Id[..12]} on {created.Node}: {created.State}");
    await WaitForAsync(events.Reader, created.Id, "start");

    var stopped = (await door.AskAsync<ContainerResult>(new StopContainer(created.Id, TimeoutSeconds: 5))).Container;
    Console.WriteLine($"stopped {stopped.Name}: {stopped.State}, exit code {stopped.ExitCode}");
    await WaitForAsync(events.Reader, created.Id, "stop");

    var removed = await door.AskAsync<ContainerRemoved>(new RemoveContainer(created.Id));
    Console.WriteLine($"removed {removed.Id[..12]}");
    await WaitForAsync(events.Reader, created.Id, "destroy");

    var gone = await door.AskAsync<CommandFailed>(new GetContainer(created.Id));
    Console.WriteLine($"get {created.Name} after remove: {gone.Code}");
    await door.AskAsync<EventsSubscription>(new UnsubscribeEvents(subscriber));
    Console.WriteLine("done");
    return 0;
}
catch (Exception e) when (e is DoorException or TimeoutException or AskTimeoutException)
{
    Console.Error.WriteLine($"ContainerClient: {e.Message}");
    return 1;
}
finally
{
    await system.Terminate();
}

// Reads events until one of type `type` for container `id` arrives (every event is printed by EventPrinter).
static async Task WaitForAsync(ChannelReader<ContainerEventNotice> events, string id, string type)
{
    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    try
    {
        await foreach (var e in events.ReadAllAsync(deadline.Token))
            if (e.ContainerId == id && e.Type == type) return;
    }
    catch (OperationCanceledException)
    {
        throw new TimeoutException($"no '{type}' event for container {id[..12]} within 30 s");
    }
}
