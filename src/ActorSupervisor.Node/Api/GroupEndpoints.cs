using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Api.OpenApi;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Node.Api.Mapping;
using ActorSupervisor.Supervision.Hosting;
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
        var created = await GroupOperations.CreateAsync(groups, body, cancellationToken);
        return TypedResults.Created(ApiRoutes.Group(created.Name), GroupMapper.ToInfo(created));
    }

    /// <summary>The group with its members' states.</summary>
    public static async Task<Ok<GroupInfo>> Inspect(string name, IGroupService groups, CancellationToken cancellationToken) =>
        TypedResults.Ok(GroupMapper.ToInfo(await GroupOperations.InspectAsync(groups, name, cancellationToken)));

    /// <summary>Starts every member in order, each running before the next; ends a give-up.</summary>
    public static async Task<Ok<GroupInfo>> Start(string name, IGroupService groups, CancellationToken cancellationToken) =>
        TypedResults.Ok(GroupMapper.ToInfo(await GroupOperations.SendAsync(groups, name, new GroupCommand.Start(), cancellationToken)));

    /// <summary>Stops every member in reverse order with its own stop signal and timeout.</summary>
    public static async Task<Ok<GroupInfo>> Stop(string name, IGroupService groups, CancellationToken cancellationToken) =>
        TypedResults.Ok(GroupMapper.ToInfo(await GroupOperations.SendAsync(groups, name, new GroupCommand.Stop(), cancellationToken)));

    /// <summary>Removes the group; its members leave it and keep running as they are.</summary>
    public static async Task<NoContent> Remove(string name, IGroupService groups, CancellationToken cancellationToken)
    {
        await GroupOperations.SendAsync(groups, name, new GroupCommand.Remove(), cancellationToken);
        return TypedResults.NoContent();
    }
}
