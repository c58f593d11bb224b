using System.Text.RegularExpressions;

namespace ActorSupervisor.Containers.Runtimes;

/// <summary>
/// The container ids a runtime accepts: they name directories, cgroups and Docker containers, so they follow
/// Docker's rule for names.
/// </summary>
internal static partial class ContainerIds
{
    /// <summary>Throws unless <paramref name="containerId"/> is a valid id.</summary>
    /// <exception cref="ArgumentException">The id is invalid; the message shows it and the rule.</exception>
    public static void Check(string containerId)
    {
        ArgumentNullException.ThrowIfNull(containerId);
        if (!Pattern().IsMatch(containerId))
        {
            throw new ArgumentException($"container id '{containerId}' is invalid: it must match [a-zA-Z0-9][a-zA-Z0-9_.-]* (at most 128 characters)", nameof(containerId));
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$")]
    private static partial Regex Pattern();
}
