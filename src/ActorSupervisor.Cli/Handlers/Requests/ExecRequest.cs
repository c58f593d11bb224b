namespace ActorSupervisor.Cli.Handlers;

/// <summary><c>asv exec [-i] [-t] CONTAINER CMD...</c>.</summary>
internal sealed record ExecRequest(string Container, IReadOnlyList<string> Command, bool Interactive, bool Tty);
