namespace ActorSupervisor.Cli.Apply;

/// <summary>One setting that differs between the node and the file.</summary>
/// <param name="Field">The setting, as the spec file names it.</param>
/// <param name="From">Its value on the node, canonical.</param>
/// <param name="To">Its value in the file, canonical.</param>
internal sealed record SpecChange(string Field, string From, string To);
