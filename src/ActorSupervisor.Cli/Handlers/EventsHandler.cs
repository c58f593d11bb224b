using System.Globalization;
using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Commands;
using ActorSupervisor.Cli.Output;
using ActorSupervisor.Client;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>The real <c>events</c>: prints each event as it arrives; with -f it survives a node restart.</summary>
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
        var follower = new EventFollower(Client(settings), Environment.Time, Environment.Error);
        try
        {
            await follower.FollowAsync(query, e => EventViews.StreamLine(output, e), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how a user ends "events -f": a normal end, not a failure.
        }
        catch (NodeUnreachableException e) when (follower.LastOffset is { } offset)
        {
            var resume = offset.ToString(CultureInfo.InvariantCulture);
            Environment.Error.WriteLine($"asv: {e.Message}; gave up after event {resume}. Continue with: asv events -f --since {resume}");
            return ExitCodes.Unreachable;
        }
        return ExitCodes.Ok;
    }
}
