using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Specs;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>The handlers that talk to a real node.</summary>
internal static class DefaultHandlers
{
    public static AsvHandlers Create(CliEnvironment environment) => new(
        new ContainerHandler(environment, SpecFileReader.Default),
        new EventsHandler(environment),
        new ApplyHandler(environment, SpecFileReader.Default),
        new NodeHandler(environment),
        WorkloadHandler.OnConsole(environment))
    {
        Groups = new GroupHandler(environment),
    };
}
