namespace ActorSupervisor.Cli.Handlers;

/// <summary>The handlers behind every command; tests swap them for recording ones.</summary>
internal sealed record AsvHandlers(IContainerHandler Containers, IEventsHandler Events, IApplyHandler Apply, INodeHandler Node, IWorkloadHandler Workloads)
{
    /// <summary>The <c>asv group</c> handler (tests that do not touch groups leave the real one out).</summary>
    public IGroupHandler? Groups { get; init; }
}
