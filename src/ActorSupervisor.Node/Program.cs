using ActorSupervisor.Node;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Node.Configuration;

if (args is [OutputDrain.Flag, var logDirectory])
    return await OutputDrain.RunAsync(logDirectory);
try
{
    await NodeApplication.Build(args).RunAsync();
    return Environment.ExitCode; // NodeLifecycle sets 1 for a failed start-up or a downed member; returning 0 here hid it
}
catch (NodeConfigurationException e)
{
    await Console.Error.WriteLineAsync($"asv node: configuration error: {e.Message}");
    return 2;
}
catch (ActorSupervisor.Hocon.HoconException e)
{
    await Console.Error.WriteLineAsync($"asv node: configuration error: {e.Message}");
    return 2;
}
catch (IOException e) when (e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
{
    await Console.Error.WriteLineAsync($"asv node: {e.Message} Another node may be running; choose another port with actor-supervisor.node.api.port.");
    return 1;
}

/// <summary>The node's entry point, visible to in-process API tests.</summary>
public partial class Program;
