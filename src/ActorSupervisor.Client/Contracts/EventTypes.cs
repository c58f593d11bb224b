namespace ActorSupervisor.Client.Contracts;

/// <summary>The values of <see cref="ContainerEvent.Type"/> (Docker's names, plus <c>gave_up</c>) and of the <c>type=</c> filter.</summary>
public static class EventTypes
{
    /// <summary>The container was created.</summary>
    public const string Create = "create";

    /// <summary>The workload started.</summary>
    public const string Start = "start";

    /// <summary>The workload exited; attributes <c>exitCode</c>, <c>execDuration</c>, <c>oomKilled</c>.</summary>
    public const string Die = "die";

    /// <summary>The workload hit its memory limit.</summary>
    public const string Oom = "oom";

    /// <summary>A signal was sent; attribute <c>signal</c>.</summary>
    public const string Kill = "kill";

    /// <summary>An operator stopped it.</summary>
    public const string Stop = "stop";

    /// <summary>It was frozen.</summary>
    public const string Pause = "pause";

    /// <summary>It was thawed.</summary>
    public const string Unpause = "unpause";

    /// <summary>The restart policy scheduled a restart; attributes <c>attempt</c>, <c>delay</c>, <c>policy</c>.</summary>
    public const string Restart = "restart";

    /// <summary>Health changed; attribute <c>status</c>.</summary>
    public const string HealthStatus = "health_status";

    /// <summary>Readiness changed; attribute <c>status</c>: <c>ready</c>, <c>not_ready</c> or <c>starting</c>. Gates nothing.</summary>
    public const string ReadinessStatus = "readiness_status";

    /// <summary>Its settings changed; attribute <c>restart</c>.</summary>
    public const string Update = "update";

    /// <summary>The supervisor stopped restarting it; attribute <c>reason</c>.</summary>
    public const string GaveUp = "gave_up";

    /// <summary>It joined a group or left it; attribute <c>group</c> (absent: it left).</summary>
    public const string Group = "group";

    /// <summary>It was removed.</summary>
    public const string Destroy = "destroy";
}
