using System.Text.RegularExpressions;

namespace ActorSupervisor.Containers.Domain.Parsing;

/// <summary>
/// The rule a container's name follows, Docker's (<c>daemon/names</c>): <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c>, so at
/// least two characters, the first a letter or digit.
/// </summary>
public static partial class ContainerName
{
    /// <summary>The rule as a pattern, for messages.</summary>
    public const string Rule = "[a-zA-Z0-9][a-zA-Z0-9_.-]+";

    [GeneratedRegex("^" + Rule + "$")]
    private static partial Regex Pattern();

    /// <summary>Whether <paramref name="name"/> follows the rule.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);
}
