using System.Globalization;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Node.Api.Errors;

namespace ActorSupervisor.Node.Api;

/// <summary>
/// Finds a container as Docker does: its exact name, else its full id, else a unique id prefix. A prefix
/// matching several containers is a 400 saying how many.
/// </summary>
internal static class ContainerResolver
{
    /// <summary>The container addressed by <paramref name="nameOrId"/>.</summary>
    /// <exception cref="ContainerNotFoundException">Nothing matches.</exception>
    public static async Task<ContainerSnapshot> ResolveAsync(IContainerService containers, string nameOrId, CancellationToken cancellationToken)
    {
        try
        {
            return await containers.InspectAsync(nameOrId, cancellationToken);
        }
        catch (ContainerNotFoundException) when (IsIdPrefix(nameOrId))
        {
            var matches = (await containers.ListAsync(cancellationToken))
                .Where(c => c.Id.StartsWith(nameOrId, StringComparison.Ordinal)).ToList();
            return matches.Count switch
            {
                0 => throw new ContainerNotFoundException(nameOrId),
                1 => matches[0],
                _ => throw ApiProblemException.InvalidArgument("nameOrId", nameOrId,
                    $"the id prefix matches {matches.Count.ToString(CultureInfo.InvariantCulture)} containers; give more characters"),
            };
        }
    }

    private static bool IsIdPrefix(string text) => text.Length is > 0 and < 64 && text.All(char.IsAsciiHexDigitLower);
}
