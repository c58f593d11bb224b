namespace ActorSupervisor.Cli.App;

/// <summary>The global options after the environment's defaults were applied.</summary>
/// <param name="Node">The node's management API address.</param>
/// <param name="Token">The bearer token, or null.</param>
/// <param name="Output">How results are printed.</param>
internal sealed record GlobalSettings(Uri Node, string? Token, OutputFormat Output);
