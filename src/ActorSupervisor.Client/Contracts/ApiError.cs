namespace ActorSupervisor.Client.Contracts;

/// <summary>The body of every error response.</summary>
/// <param name="Code">A stable code from <see cref="ErrorCodes"/>, for programs.</param>
/// <param name="Message">For people: what went wrong and what to change.</param>
/// <param name="Details">For bad bodies and parameters: one entry per offending field.</param>
public sealed record ApiError(string Code, string Message, IReadOnlyList<ApiErrorDetail>? Details = null);
