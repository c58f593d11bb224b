namespace ActorSupervisor.Node.Hosting;

/// <summary>Where the node is in its life: recovering, ready, or shutting down. Read by <c>/readyz</c> and the API gate.</summary>
public sealed class NodeReadiness
{
    private volatile string? _notReadyReason = "recovering containers from the journal";
    private volatile bool _stopping;

    /// <summary>Whether recovery finished and the node is not shutting down.</summary>
    public bool IsReady => _notReadyReason is null;

    /// <summary>Why the node is not ready, or null.</summary>
    public string? NotReadyReason => _notReadyReason;

    /// <summary>Whether the node is shutting down and refuses commands.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Recovery finished.</summary>
    public void MarkReady() => _notReadyReason = null;

    /// <summary>Start-up failed; the node answers 503 with <paramref name="reason"/> until it exits.</summary>
    public void MarkFailed(string reason) => _notReadyReason = reason;

    /// <summary>The node is shutting down: commands are refused from now on.</summary>
    public void MarkStopping()
    {
        _stopping = true;
        _notReadyReason = "the node is shutting down";
    }
}
