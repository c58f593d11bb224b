namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>ps</c>.</summary>
internal sealed record PsRequest(bool All, IReadOnlyList<string> Filters, bool Quiet);
