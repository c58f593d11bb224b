using System.Text.RegularExpressions;

namespace ActorSupervisor.Values;

/// <summary>
/// The rule a container's name follows, Docker's (<c>daemon/names</c>): <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c>, so at
/// least two characters, the first a letter or digit; and at most <see cref="MaxLength"/> characters.
/// </summary>
public static partial class ContainerName
{
    /// <summary>The rule as a pattern, for messages.</summary>
    public const string Rule = "[a-zA-Z0-9][a-zA-Z0-9_.-]+";

    /// <summary>The longest name.</summary>
    public const int MaxLength = 128;

    [GeneratedRegex("^" + Rule + "$")]
    private static partial Regex Pattern();

    /// <summary>Whether <paramref name="name"/> follows the rule.</summary>
    public static bool IsValid(string? name) => name is { Length: <= MaxLength } && Pattern().IsMatch(name);

    /// <summary>Checks <paramref name="name"/>; on failure <paramref name="error"/> says which part of the rule it breaks.</summary>
    public static bool TryValidate(string? name, out string error)
    {
        error = string.IsNullOrEmpty(name) ? "a name is required"
            : name.Length > MaxLength ? $"'{name[..32]}...' is too long: at most {MaxLength} characters; this one has {name.Length}"
            : !Pattern().IsMatch(name) ? $"'{name}' must be two characters or more, start with a letter or digit, and contain only letters, digits, '_', '.' and '-'"
            : "";
        return error.Length == 0;
    }
}
