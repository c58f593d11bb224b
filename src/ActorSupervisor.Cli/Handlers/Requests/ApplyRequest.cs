namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>apply</c>.</summary>
internal sealed record ApplyRequest(string File, bool Prune, bool DryRun);
