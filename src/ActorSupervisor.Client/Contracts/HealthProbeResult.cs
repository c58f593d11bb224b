namespace ActorSupervisor.Client.Contracts;

/// <summary>One health probe's outcome, as kept (the last 5) for inspect.</summary>
/// <param name="Start">When the probe started.</param>
/// <param name="End">When it finished or timed out.</param>
/// <param name="ExitCode">0 passed; anything else failed; -1 timed out.</param>
/// <param name="Output">Its output, capped at 4096 bytes.</param>
public sealed record HealthProbeResult(DateTimeOffset Start, DateTimeOffset End, int ExitCode, string Output);
