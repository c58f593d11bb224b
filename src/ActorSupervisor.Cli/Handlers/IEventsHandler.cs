using ActorSupervisor.Cli.App;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>What <c>events</c> does once parsed.</summary>
internal interface IEventsHandler
{
    Task<int> EventsAsync(GlobalSettings settings, EventsRequest request, CancellationToken cancellationToken);
}
