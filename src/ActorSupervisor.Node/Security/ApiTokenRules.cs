namespace ActorSupervisor.Node.Security;

/// <summary>What a usable API token is: at least 16 characters, no spaces or control characters, not one character repeated.</summary>
public static class ApiTokenRules
{
    /// <summary>The shortest token accepted.</summary>
    public const int MinimumLength = 16;

    /// <summary>What is wrong with <paramref name="token"/>, or null when it is usable.</summary>
    public static string? Problem(string token)
    {
        if (token.Length == 0)
            return "is empty";
        if (token.All(char.IsWhiteSpace))
            return "is only whitespace";
        if (token.Length < MinimumLength)
            return $"is shorter than {MinimumLength} characters";
        if (token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return "contains whitespace or control characters, which an Authorization header cannot carry intact";
        if (token.All(c => c == token[0]))
            return "is one character repeated";
        return null;
    }
}
