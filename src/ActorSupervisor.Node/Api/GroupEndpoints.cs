using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Api.OpenApi;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Node.Api.Mapping;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Values;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ActorSupervisor.Node.Api;

/// <summary><c>/api/v1/groups</c>: container groups with OTP's strategies: create, list, inspect, start, stop, remove.</summary>
internal static class GroupEndpoints
{
    /// <summary>Maps the group routes.</summary>
    public static IEndpointRouteBuilder MapGroupEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Groups).WithTags("Groups");
        group.MapGet("/", List).WithName("ListGroups");
        group.MapPost("/", Create).WithName("CreateGroup").Accepts<GroupCreateRequest>("application/json")
            .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{name}", Inspect).WithName("InspectGroup").Errors(StatusCodes.Status404NotFound);
        group.MapPost("/{name}/start", Start).WithName("StartGroup").Errors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{name}/stop", Stop).WithName("StopGroup").Errors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapDelete("/{name}", Remove).WithName("RemoveGroup").Errors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Every group, by name.</summary>
    public static async Task<Ok<IReadOnlyList<GroupInfo>>> List(IGroupService groups, CancellationToken cancellationToken)
    {
        IReadOnlyList<GroupInfo> result = (await groups.ListGroupsAsync(cancellationToken)).Select(GroupMapper.ToInfo).ToList();
        return TypedResults.Ok(result);
    }

    /// <summary>Creates a group; bad input is 400 naming the field and changes nothing.</summary>
    public static async Task<Created<GroupInfo>> Create(HttpRequest request, IGroupService groups, IOptions<NodeOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.GroupCreateRequest, options.Value.Api.MaxBodyBytes, cancellationToken);
        if (string.IsNullOrWhiteSpace(body.Name))
            throw ApiProblemException.InvalidArgument("name", body.Name, "is required: the group's name");
        var strategy = GroupStrategy.OneForOne;
        if (body.Strategy is not null && !GroupStrategyText.TryParse(body.Strategy, out strategy, out var strategyError))
            throw ApiProblemException.InvalidArgument("strategy", body.Strategy, strategyError);
        if (body.Members is not { Count: > 0 } members)
            throw ApiProblemException.InvalidArgument("members", null, "is required: the members' names or ids, in start order");
        var intensity = ReadIntensity(body.Intensity);
        try
        {
            var created = await groups.CreateGroupAsync(body.Name, strategy, members, intensity, cancellationToken);
            return TypedResults.Created(ApiRoutes.Group(created.Name), GroupMapper.ToInfo(created));
        }
        catch (GroupDefinitionException invalid)
        {
            throw ApiProblemException.InvalidArgument(invalid.Field, null, invalid.Message[(invalid.Field.Length + 2)..]);
        }
    }

    /// <summary>The group with its members' states.</summary>
    public static async Task<Ok<GroupInfo>> Inspect(string name, IGroupService groups, CancellationToken cancellationToken) =>
        TypedResults.Ok(GroupMapper.ToInfo(await Guard(() => groups.InspectGroupAsync(name, cancellationToken))));

    /// <summary>Starts every member in order, each running before the next; ends a give-up.</summary>
    public static async Task<Ok<GroupInfo>> Start(string name, IGroupService groups, CancellationToken cancellationToken) =>
        TypedResults.Ok(GroupMapper.ToInfo(await Guard(() => groups.SendGroupAsync(name, new GroupCommand.Start(), cancellationToken))));

    /// <summary>Stops every member in reverse order with its own stop signal and timeout.</summary>
    public static async Task<Ok<GroupInfo>> Stop(string name, IGroupService groups, CancellationToken cancellationToken) =>
        TypedResults.Ok(GroupMapper.ToInfo(await Guard(() => groups.SendGroupAsync(name, new GroupCommand.Stop(), cancellationToken))));

    /// <summary>Removes the group; its members leave it and keep running as they are.</summary>
    public static async Task<NoContent> Remove(string name, IGroupService groups, CancellationToken cancellationToken)
    {
        await Guard(() => groups.SendGroupAsync(name, new GroupCommand.Remove(), cancellationToken));
        return TypedResults.NoContent();
    }

    private static RestartIntensity? ReadIntensity(ActorSupervisor.Values.Specs.RawIntensity? raw)
    {
        if (raw is null) return null;
        if (raw.MaxRestarts is not { } max)
            throw ApiProblemException.InvalidArgument("intensity.maxRestarts", null, "is required: how many group restarts the window allows");
        if (max < 0)
            throw ApiProblemException.InvalidArgument("intensity.maxRestarts", max.ToString(System.Globalization.CultureInfo.InvariantCulture), "cannot be negative");
        if (!GoDuration.TryParse(raw.Window, out var window, out var error) || window <= TimeSpan.Zero)
            throw ApiProblemException.InvalidArgument("intensity.window", raw.Window, raw.Window is null ? "is required, e.g. 1m" : error is { Length: > 0 } ? error : "must be longer than zero");
        return new RestartIntensity(max, window);
    }

    /// <summary>The group errors as the API answers them (404, 409; 503 stays the host's).</summary>
    private static async Task<GroupSnapshot> Guard(Func<Task<GroupSnapshot>> call)
    {
        try
        {
            return await call();
        }
        catch (GroupNotFoundException missing)
        {
            throw ApiProblemException.NotFound($"no such group: {missing.Name} (list them with asv group ls or GET {ApiRoutes.Groups})");
        }
        catch (GroupRejectedException rejected)
        {
            throw ApiProblemException.Conflict(rejected.Message);
        }
    }
}
