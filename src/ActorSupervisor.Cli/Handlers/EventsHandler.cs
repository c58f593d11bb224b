using System.Globalization;
using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Commands;
using ActorSupervisor.Cli.Output;
using ActorSupervisor.Client;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>The real <c>events</c>: prints each event as it arrives.</summary>
internal sealed class EventsHandler(CliEnvironment environment) : HandlerBase(environment), IEventsHandler
{
    public async Task<int> EventsAsync(GlobalSettings settings, EventsRequest request, CancellationToken cancellationToken)
    {
        var output = Output(settings);
        var query = new EventQuery
        {
            Follow = request.Follow,
            Since = TimeArgument.Normalize(request.Since),
            Until = TimeArgument.Normalize(request.Until),
            Filters = request.Filters,
        };
        long? lastOffset = null;
        try
        {
            await foreach (var e in Client(settings).StreamEventsAsync(query, cancellationToken))
            {
                EventViews.StreamLine(output, e);
                lastOffset = e.Offset;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how a user ends "events -f": a normal end, not a failure.
        }
        catch (NodeUnreachableException) when (lastOffset is { } offset)
        {
            Environment.Error.WriteLine(
                $"asv: lost the connection to {settings.Node} after event {offset.ToString(CultureInfo.InvariantCulture)}; " +
                $"continue with: asv events -f --since {offset.ToString(CultureInfo.InvariantCulture)}");
            return ExitCodes.Unreachable;
        }
        return ExitCodes.Ok;
    }
}
