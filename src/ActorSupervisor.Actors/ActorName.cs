namespace ActorSupervisor.Actors;

/// <summary>Validates the names of actor systems and actors, so that every path element reads back unchanged.</summary>
public static class ActorName
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the problem when <paramref name="name"/> cannot name an actor.</summary>
    public static void Validate(string name, string parameterName = "name")
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (name.Length == 0) throw new ArgumentException("an actor name must not be empty", parameterName);
        if (name[0] == '$') throw new ArgumentException($"actor name '{name}' must not start with '$' (reserved for generated names)", parameterName);
        foreach (var c in name)
        {
            if (!IsAllowed(c))
                throw new ArgumentException($"actor name '{name}' contains '{c}'; allowed are letters, digits and - _ . : @ + = ~", parameterName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="name"/> cannot name an actor system.</summary>
    public static void ValidateSystemName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !char.IsAsciiLetterOrDigit(name[0]) || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
            throw new ArgumentException($"actor system name '{name}' must start with a letter or digit and contain only letters, digits, '-' and '_'", nameof(name));
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@' or '+' or '=' or '~';
}
