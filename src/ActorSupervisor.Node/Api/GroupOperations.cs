using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Supervision.Hosting;

namespace ActorSupervisor.Node.Api;

/// <summary>
/// The group operations behind the HTTP API and the actor gateway (one code path): the definition judged by
/// <see cref="GroupDefinitionParser"/>, the host's refusals turned into the API's errors (400 naming the field, 404, 409).
/// </summary>
internal static class GroupOperations
{
    /// <summary>Creates the group <paramref name="request"/> describes; bad input changes nothing.</summary>
    public static async Task<GroupSnapshot> CreateAsync(IGroupService groups, GroupCreateRequest request, CancellationToken cancellationToken)
    {
        var parsed = GroupDefinitionParser.Parse(request.Name, request.Strategy, request.Members, request.Intensity);
        if (!parsed.IsValid)
        {
            var first = parsed.Errors[0];
            throw ApiProblemException.InvalidArgument(first.Field, first.Value, first.Message);
        }
        var definition = parsed.Definition!;
        try
        {
            return await Guard(() => groups.CreateGroupAsync(definition.Name, definition.Strategy, definition.Members, definition.Intensity, cancellationToken));
        }
        catch (GroupDefinitionException invalid)
        {
            throw ApiProblemException.InvalidArgument(invalid.Field, null, invalid.Problem);
        }
    }

    /// <summary>The group with its members' states.</summary>
    public static Task<GroupSnapshot> InspectAsync(IGroupService groups, string name, CancellationToken cancellationToken) =>
        Guard(() => groups.InspectGroupAsync(name, cancellationToken));

    /// <summary>Sends start, stop or remove and returns the group once its plan was carried out.</summary>
    public static Task<GroupSnapshot> SendAsync(IGroupService groups, string name, GroupCommand command, CancellationToken cancellationToken) =>
        Guard(() => groups.SendGroupAsync(name, command, cancellationToken));

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
