namespace ActorSupervisor.Client;

/// <summary>No answer from the node: refused connection, unknown host, TLS failure, or no reply in time.</summary>
public sealed class NodeUnreachableException : Exception
{
    /// <summary>Creates the exception naming the address tried and why it failed.</summary>
    public NodeUnreachableException(Uri nodeUrl, string reason, Exception? innerException = null, bool streamInterrupted = false)
        : base($"cannot reach the node at {nodeUrl}: {reason}", innerException)
    {
        NodeUrl = nodeUrl;
        Reason = reason;
        StreamInterrupted = streamInterrupted;
    }

    /// <summary>The node address that was tried.</summary>
    public Uri NodeUrl { get; }

    /// <summary>Why it could not be reached, e.g. "Connection refused".</summary>
    public string Reason { get; }

    /// <summary>True when a stream that was open broke off (the node went away), false when no connection was made.</summary>
    public bool StreamInterrupted { get; }
}
