namespace ActorSupervisor.Node.Hosting;

/// <summary>Where the node is in its life: recovering, ready, or shutting down. Read by <c>/readyz</c> and the API gate.</summary>
public sealed class NodeReadiness
{
    private volatile string? _notReadyReason = "recovering containers from the journal";
    private volatile bool _stopping;

    private volatile Func<string?>? _journalProblem;
    private volatile Func<string?>? _storeProblem;

    /// <summary>Whether recovery finished and the node is not shutting down.</summary>
    public bool IsReady => _notReadyReason is null;

    /// <summary>
    /// Why <c>/readyz</c> answers 503 now: not recovered, shutting down, or the journal failing (reads still work
    /// then, and commands answer 503 naming the journal); null when ready.
    /// </summary>
    public string? ProbeReason => _notReadyReason ?? StoreProblem ?? _journalProblem?.Invoke();

    /// <summary>Why the store cannot take commands although the node runs (its file was deleted), or null: commands answer 503.</summary>
    public string? StoreProblem => _storeProblem?.Invoke();

    /// <summary>Why the node is not ready, or null.</summary>
    public string? NotReadyReason => _notReadyReason;

    /// <summary>Whether the node is shutting down and refuses commands.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Recovery finished; from now on the journal's health, as <paramref name="journalProblem"/> tells it, is part of readiness.</summary>
    public void MarkReady(Func<string?> journalProblem)
    {
        _journalProblem = journalProblem;
        _notReadyReason = null;
    }

    /// <summary>From now on <paramref name="storeProblem"/> can make the node unready and refuse commands.</summary>
    public void WatchStore(Func<string?> storeProblem) => _storeProblem = storeProblem;

    /// <summary>Start-up failed; the node answers 503 with <paramref name="reason"/> until it exits.</summary>
    public void MarkFailed(string reason) => _notReadyReason = reason;

    /// <summary>The node is shutting down: commands are refused from now on.</summary>
    public void MarkStopping()
    {
        _stopping = true;
        _notReadyReason = "the node is shutting down";
    }
}
