namespace ActorSupervisor.Client.Contracts;

/// <summary>
/// The exec route's WebSocket messages (docs/api.md): binary messages whose first byte says what the rest is.
/// The client sends <see cref="Stdin"/> and <see cref="StdinClosed"/>; the node sends <see cref="Stdout"/> and
/// <see cref="Stderr"/> as the command prints, then one <see cref="End"/> and closes.
/// </summary>
public static class ExecProtocol
{
    /// <summary>Client to node: bytes for the command's standard input (with <c>stdin=true</c>).</summary>
    public const byte Stdin = 0;

    /// <summary>Node to client: bytes the command wrote to stdout (with a terminal, everything).</summary>
    public const byte Stdout = 1;

    /// <summary>Node to client: bytes the command wrote to stderr.</summary>
    public const byte Stderr = 2;

    /// <summary>Node to client, last: an <see cref="ExecEnd"/> as JSON.</summary>
    public const byte End = 3;

    /// <summary>Client to node: the input is over; the command reads end-of-file.</summary>
    public const byte StdinClosed = 4;

    /// <summary>The query parameter naming the program and each argument, in order (repeated).</summary>
    public const string CommandParameter = "cmd";
}

/// <summary>How an exec ended: its exit code, or the node's refusal (the status and error an HTTP answer would have had).</summary>
/// <param name="ExitCode">The command's exit code; null when it was refused.</param>
/// <param name="Status">The HTTP status of the refusal (404, 409, 500...); null when the command ran.</param>
/// <param name="Error">The refusal, as any API error.</param>
public sealed record ExecEnd(int? ExitCode, int? Status = null, ApiError? Error = null);
