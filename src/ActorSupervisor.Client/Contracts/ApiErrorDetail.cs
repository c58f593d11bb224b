namespace ActorSupervisor.Client.Contracts;

/// <summary>One offending field of a refused request.</summary>
/// <param name="Field">Its JSON path (<c>healthcheck.interval</c>) or query parameter (<c>query.t</c>).</param>
/// <param name="Value">The value given, as text, or null when it was missing.</param>
/// <param name="Message">What is wrong and what is accepted.</param>
public sealed record ApiErrorDetail(string Field, string? Value, string Message);
