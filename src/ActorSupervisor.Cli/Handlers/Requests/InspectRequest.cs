namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>inspect</c>: <see cref="At"/> (an RFC 3339 time or a duration ago) asks for the containers as they were then.</summary>
internal sealed record InspectRequest(IReadOnlyList<string> Containers, string? At = null);
