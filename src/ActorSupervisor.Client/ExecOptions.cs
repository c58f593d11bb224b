namespace ActorSupervisor.Client;

/// <summary>What <c>exec</c> runs and how.</summary>
/// <param name="Command">The program and its arguments (exec form).</param>
/// <param name="Tty">Run it on a terminal (the Docker runtime only): its output then comes as one stream.</param>
public sealed record ExecOptions(IReadOnlyList<string> Command, bool Tty = false);
