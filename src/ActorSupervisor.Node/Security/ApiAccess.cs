namespace ActorSupervisor.Node.Security;

/// <summary>The token the API requires and where it came from.</summary>
/// <param name="Token">The bearer token every request but <c>/healthz</c> and <c>/readyz</c> must carry.</param>
/// <param name="TokenFile">The generated token's file, or null when the token is configured.</param>
public sealed record ApiAccess(string Token, string? TokenFile);
