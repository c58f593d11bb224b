namespace ActorSupervisor.Cli.Handlers;

/// <summary>The handlers behind every command; tests swap them for recording ones.</summary>
internal sealed record AsvHandlers(IContainerHandler Containers, IEventsHandler Events, IApplyHandler Apply, INodeHandler Node, IWorkloadHandler Workloads);
