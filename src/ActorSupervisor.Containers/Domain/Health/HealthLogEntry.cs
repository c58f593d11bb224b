namespace ActorSupervisor.Containers.Domain.Health;

/// <summary>One probe's result as <c>inspect</c> shows it (Docker's HealthcheckResult).</summary>
/// <param name="Start">When the probe started.</param>
/// <param name="End">When it ended.</param>
/// <param name="ExitCode">0 passed; -1 timed out; anything else failed.</param>
/// <param name="Output">Its output, at most 4096 bytes then <c>...</c>.</param>
public sealed record HealthLogEntry(DateTimeOffset Start, DateTimeOffset End, int ExitCode, string Output);
