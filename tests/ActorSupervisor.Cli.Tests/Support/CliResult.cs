namespace ActorSupervisor.Cli.Tests.Support;

/// <summary>What one asv invocation printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Err}";
}
