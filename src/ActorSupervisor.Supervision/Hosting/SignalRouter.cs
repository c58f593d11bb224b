using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Supervision.Actors;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>Reads one runtime's signal stream and tells each signal, as the domain's command, to its container through the region.</summary>
internal static class SignalRouter
{
    public static Task RunAsync(IContainerRuntime runtime, IActorRef region, SupervisionMetrics metrics, ILogger logger, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            try
            {
                await foreach (var signal in runtime.Signals.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    metrics.RuntimeSignal();
                    region.Tell(new ContainerEnvelope(signal.ContainerId, new RuntimeNotice(signal.WorkloadId, ToCommand(signal))), ActorRefs.NoSender);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutdown: the host stops routing before it drains the containers.
            }
            catch (Exception e)
            {
                logger.LogCritical(e, "Routing the {Runtime} runtime's signals failed; its exits are no longer seen", runtime.Kind);
                throw;
            }
        }, CancellationToken.None);

    public static ContainerCommand ToCommand(RuntimeSignal signal) => signal switch
    {
        WorkloadStarted started => new ContainerCommand.RuntimeStarted(started.WorkloadId, started.Pid, At: started.At),
        WorkloadExited exited => new ContainerCommand.RuntimeExited(exited.ExitCode, exited.OomKilled, exited.At),
        WorkloadOomKilled => new ContainerCommand.RuntimeOomKilled(),
        WorkloadPaused => new ContainerCommand.RuntimePaused(),
        WorkloadResumed => new ContainerCommand.RuntimeResumed(),
        _ => throw new ArgumentException($"unknown runtime signal {signal.GetType().Name}", nameof(signal)),
    };
}
