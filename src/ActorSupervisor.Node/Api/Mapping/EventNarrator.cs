using System.Globalization;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Values;
using ApiEvent = ActorSupervisor.Client.Contracts.ContainerEvent;
using DomainEvent = ActorSupervisor.Containers.Domain.Lifecycle.ContainerEvent;

namespace ActorSupervisor.Node.Api.Mapping;

/// <summary>
/// Turns persisted container events into the API's events with string attributes and a sentence saying
/// why it happened ("restart 3 under on-failure:5 after exit code 1 after 212ms; waited 400ms"). Fed the events
/// of a container in order, it remembers what the sentences need (policy, last exit, probes) per container.
/// As in Docker's feed, a policy restart is <c>die</c> then <c>start</c>: its persisted <c>restart</c> decision is
/// not an API event; its attempt, delay, backoff and reason ride on the <c>start</c> it leads to.
/// </summary>
internal sealed class EventNarrator
{
    private readonly Dictionary<string, Context> _contexts = new(StringComparer.Ordinal);

    /// <summary>The container's name as last seen in its <c>create</c> event or given to <see cref="Seed"/>, if known.</summary>
    public string? NameOf(string containerId) => _contexts.TryGetValue(containerId, out var context) ? context.Name : null;

    /// <summary>
    /// Starts a container's context from what is known of it now, for a feed that begins after its <c>create</c>
    /// event: its name, and the restart policy and memory limit its sentences mention.
    /// </summary>
    public void Seed(string containerId, string name, ContainerSpec? spec) =>
        _contexts[containerId] = new Context { Name = name, Policy = spec?.Restart ?? RestartPolicy.No, MemoryLimit = spec?.MemoryLimitBytes };

    /// <summary>
    /// The API event for <paramref name="e"/>, or null for a health probe's result (kept in the journal and in
    /// <c>inspect</c>'s health log, not in the event feed: it would drown everything else) and for a policy
    /// restart's decision (Docker has no <c>restart</c> event for it; the next <c>start</c> carries it).
    /// </summary>
    public ApiEvent? Narrate(string containerId, string containerName, long seq, long offset, DomainEvent e)
    {
        if (!_contexts.TryGetValue(containerId, out var context))
            _contexts[containerId] = context = new Context { Name = containerName };
        if (e is DomainEvent.Created created)
            context.Name = created.Spec.Name;
        var (attributes, why) = Explain(context, e);
        Remember(context, e);
        return e is DomainEvent.HealthProbed or DomainEvent.ReadinessProbed or DomainEvent.Restarting { ByPolicy: true }
            ? null
            : new ApiEvent
            {
                Offset = offset,
                Seq = seq,
                Time = e.At,
                Type = e.Action,
                ContainerId = containerId,
                ContainerName = context.Name,
                Attributes = attributes,
                Why = why,
            };
    }

    private static (Dictionary<string, string>, string) Explain(Context context, DomainEvent e) => e switch
    {
        DomainEvent.Created created => (Attrs(("runtime", ContainerMapper.RuntimeName(created.Spec.Runtime)),
                created.Spec.Image is { } image ? ("image", image) : ("command", created.Spec.Command?.ToString() ?? "")),
            $"created: {created.Spec.Command?.ToString() ?? created.Spec.Image} under restart policy {created.Spec.Restart}"),
        DomainEvent.Started started => ExplainStart(context, started),
        DomainEvent.Died died => (Attrs([("exitCode", died.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"),
                ("execDuration", Human(died.ExecDuration)), ("oomKilled", died.OomKilled ? "true" : "false"),
                .. died.RestartPending ? [("attempt", (context.Attempt + 1).ToString(CultureInfo.InvariantCulture)), ("policy", context.Policy.ToString())]
                    : Array.Empty<(string, string)>()]),
            DescribeExit(context, died)),
        DomainEvent.OutOfMemory => (Attrs(),
            context.MemoryLimit is { } limit ? $"killed by the kernel: memory limit {MemorySize.Humanize(limit)} reached" : "killed by the kernel: out of memory"),
        DomainEvent.Killed { Reason: { } reason } killed => (Attrs(("signal", killed.Signal), ("reason", reason)), $"{killed.Signal} sent to stop it: {reason}"),
        DomainEvent.Killed killed => (Attrs(("signal", killed.Signal)), DescribeKill(context, killed)),
        DomainEvent.Stopped { ByShutdown: true } => (Attrs(("trigger", "shutdown")),
            "stopped by the node's shutdown; its restart policy decides when the node starts again"),
        DomainEvent.Stopped { ByGroup: true } => (Attrs(("trigger", "group")), "stopped by its group's restart; the group starts it again in its order"),
        DomainEvent.Stopped => (Attrs(), "stopped by an operator; a pending restart is cancelled"),
        DomainEvent.GroupChanged { Group: { } group } changed => (Attrs(("group", group)),
            changed.GroupRestarts ? $"joined group {group}: the group decides its restarts" : $"joined group {group}: its own restart policy decides its restarts"),
        DomainEvent.GroupChanged => (Attrs(), "left its group"),
        DomainEvent.Paused => (Attrs(), "paused by an operator"),
        DomainEvent.Unpaused => (Attrs(), "unpaused by an operator"),
        DomainEvent.Restarting restarting => (Attrs(("attempt", restarting.Attempt.ToString(CultureInfo.InvariantCulture)),
                ("delay", Human(restarting.Delay)), ("policy", context.Policy.ToString())),
            DescribeRestart(context, restarting)),
        DomainEvent.HealthProbed => (Attrs(), "health probe"),
        DomainEvent.HealthStatusChanged changed => (Attrs(("status", ContainerMapper.HealthStatusName(changed.Status)),
                ("failingStreak", context.FailingStreak.ToString(CultureInfo.InvariantCulture))),
            DescribeHealth(context, changed)),
        DomainEvent.ReadinessProbed => (Attrs(), "readiness probe"),
        DomainEvent.ReadinessStatusChanged changed => (Attrs(("status", ContainerMapper.ReadinessName(changed.Status)),
                ("failingStreak", context.ReadinessStreak.ToString(CultureInfo.InvariantCulture))),
            DescribeReadiness(context, changed)),
        DomainEvent.Updated updated => DescribeUpdate(context, updated),
        DomainEvent.Destroyed => (Attrs(), "removed by an operator"),
        DomainEvent.GaveUp gaveUp => (Attrs(("reason", gaveUp.Reason)), $"gave up: {gaveUp.Reason}"),
        _ => (Attrs(), e.Action),
    };

    private static (Dictionary<string, string>, string) ExplainStart(Context context, DomainEvent.Started started)
    {
        var pid = started.Pid?.ToString(CultureInfo.InvariantCulture);
        switch (started.Trigger)
        {
            case StartTrigger.Policy when context.PendingRestart is { } restart:
                return (Attrs(("pid", pid ?? ""), ("trigger", "policy"), ("attempt", restart.Attempt.ToString(CultureInfo.InvariantCulture)),
                        ("delay", Human(restart.Delay)), ("backoff", Human(restart.Backoff)), ("policy", context.Policy.ToString()), ("reason", restart.Reason)),
                    DescribeRestart(context, restart));
            case StartTrigger.Policy:
                return (Attrs(("pid", pid ?? ""), ("trigger", "policy"), ("attempt", context.Attempt.ToString(CultureInfo.InvariantCulture)), ("policy", context.Policy.ToString())),
                    $"started by restart policy {context.Policy} (attempt {context.Attempt})");
            case StartTrigger.Recovery:
                return (Attrs(("pid", pid ?? ""), ("trigger", "recovery")),
                    $"started by the node at its start: restart policy {context.Policy} (pid {pid ?? "unknown"})");
            default:
                return (Attrs(("pid", pid ?? ""), ("trigger", "operator")), $"started (pid {pid ?? "unknown"})");
        }
    }

    private static string DescribeExit(Context context, DomainEvent.Died died)
    {
        if (died.Error is { } error)
            return $"failed to start: {error}";
        var code = died.ExitCode is { } exit ? $"exited with code {exit}" : "ended while the node was down (exit code unknown)";
        var oom = died.OomKilled ? "; killed for exceeding its memory limit" : "";
        var next = died.RestartPending ? "; the restart policy allows a restart" : Exhausted(context, died);
        return $"{code} after {Human(died.ExecDuration)}{oom}{next}";
    }

    /// <summary>Why a failure under <c>on-failure:N</c> is not restarted once the N retries are used.</summary>
    private static string Exhausted(Context context, DomainEvent.Died died) =>
        context.Policy is { Kind: RestartPolicyKind.OnFailure, MaximumRetryCount: > 0 } policy && died.ExitCode is not 0
            && context.Attempt >= policy.MaximumRetryCount
            ? $"; {policy} used all {policy.MaximumRetryCount} retries, so it stays exited"
            : "";

    private static string DescribeKill(Context context, DomainEvent.Killed killed) => killed.Purpose switch
    {
        _ when context.StopUnderWay == killed.Purpose && killed.Purpose is not StopPurpose.Kill
            => $"{killed.Signal} sent: still running after the stop timeout",
        StopPurpose.Shutdown => $"{killed.Signal} sent to stop it (node shutdown)",
        StopPurpose.Stop => $"{killed.Signal} sent to stop it (operator)",
        StopPurpose.Restart => $"{killed.Signal} sent to restart it (operator)",
        StopPurpose.Remove => $"{killed.Signal} sent to remove it (operator, force)",
        StopPurpose.Unhealthy => $"{killed.Signal} sent to restart it: unhealthy",
        _ => $"{killed.Signal} sent by an operator",
    };

    /// <summary>An operator's restart: its reason. A policy restart (on the <c>start</c> it led to): what, after what, how long it waited.</summary>
    private static string DescribeRestart(Context context, DomainEvent.Restarting restarting)
    {
        if (!restarting.ByPolicy)
            return restarting.Reason;
        var exit = context.LastExitCode is { } code ? $"exit code {code}" : "an exit";
        var ran = context.LastRun is { } run ? $" after {Human(run)}" : "";
        return $"restart {restarting.Attempt} under {context.Policy} after {exit}{ran}; waited {Human(restarting.Delay)}" +
            $" (backoff {Human(restarting.Backoff)})";
    }

    private static string DescribeHealth(Context context, DomainEvent.HealthStatusChanged changed)
    {
        var status = ContainerMapper.HealthStatusName(changed.Status);
        var last = context.LastProbeExit is { } exit ? $" (last: exit {exit})" : "";
        return changed.Status switch
        {
            Containers.Domain.Health.HealthStatus.Unhealthy => $"unhealthy: {context.FailingStreak} probes failed in a row{last}",
            Containers.Domain.Health.HealthStatus.Healthy => "healthy: the probe passed",
            _ => $"health {status}",
        };
    }

    private static string DescribeReadiness(Context context, DomainEvent.ReadinessStatusChanged changed)
    {
        var last = context.LastReadinessExit is { } exit ? $" (last: exit {exit})" : "";
        return changed.Status switch
        {
            ReadinessStatus.NotReady => $"not ready: {context.ReadinessStreak} readiness probes failed in a row{last}; nothing is restarted",
            ReadinessStatus.Ready => "ready: the readiness probe passed",
            _ => "readiness starting",
        };
    }

    private static (Dictionary<string, string>, string) DescribeUpdate(Context context, DomainEvent.Updated updated)
    {
        var attributes = new List<(string, string)>();
        var changes = new List<string>();
        if (updated.Restart is { } restart)
        {
            attributes.Add(("restart", restart.ToString()));
            changes.Add($"restart policy changed from {context.Policy} to {restart}");
        }
        if (updated.MemoryLimitBytes is { } memory)
        {
            attributes.Add(("memory", MemorySize.Format(memory)));
            var before = context.MemoryLimit is { } limit ? MemorySize.Humanize(limit) : "none";
            changes.Add($"memory limit changed from {before} to {MemorySize.Humanize(memory)}");
        }
        if (updated.HealthCheck is { } check)
        {
            var settings = ProbeSettings(check);
            attributes.Add(("healthcheck", settings));
            changes.Add($"health check set to {settings} (from the next probe)");
        }
        if (updated.Readiness is { } readiness)
        {
            var settings = ProbeSettings(readiness);
            attributes.Add(("readiness", settings));
            changes.Add($"readiness probe set to {settings} (from the next probe)");
        }
        return (Attrs(attributes), string.Join("; ", changes));
    }

    private static string ProbeSettings(HealthCheck check) => check.Enabled
        ? $"{(object?)check.Test ?? (object?)check.HttpGet ?? check.TcpConnect}, interval {GoDuration.Format(check.Interval)}, timeout {GoDuration.Format(check.Timeout)}, retries {check.Retries}, " +
          $"start period {GoDuration.Format(check.StartPeriod)}, start interval {GoDuration.Format(check.StartInterval)}"
        : "none";

    private static void Remember(Context context, DomainEvent e)
    {
        switch (e)
        {
            case DomainEvent.Created created:
                context.Policy = created.Spec.Restart;
                context.MemoryLimit = created.Spec.MemoryLimitBytes;
                break;
            case DomainEvent.Died died:
                context.LastExitCode = died.ExitCode;
                context.LastRun = died.ExecDuration;
                context.StopUnderWay = StopPurpose.None;
                break;
            case DomainEvent.Killed killed when killed.Purpose is not StopPurpose.Kill and not StopPurpose.Remove:
                context.StopUnderWay = killed.Purpose;
                break;
            case DomainEvent.Restarting restarting:
                context.Attempt = restarting.Attempt;
                context.PendingRestart = restarting.ByPolicy ? restarting : null;
                break;
            case DomainEvent.Started started:
                // Every start re-arms the health check: starting, streak 0 (Docker's).
                context.FailingStreak = 0;
                context.ReadinessStreak = 0;
                context.PendingRestart = null;
                if (!started.ByPolicy) context.Attempt = 0;
                break;
            case DomainEvent.Paused:
                // Docker's monitor stops while paused: inspect shows unhealthy with streak 0.
                context.FailingStreak = 0;
                context.ReadinessStreak = 0;
                break;
            case DomainEvent.Updated updated:
                context.Policy = updated.Restart ?? context.Policy;
                context.MemoryLimit = updated.MemoryLimitBytes ?? context.MemoryLimit;
                break;
            case DomainEvent.HealthProbed probed:
                context.LastProbeExit = probed.Result.ExitCode;
                context.FailingStreak = probed.Result.ExitCode == 0 ? 0 : context.FailingStreak + 1;
                break;
            case DomainEvent.ReadinessProbed probed:
                context.LastReadinessExit = probed.Result.ExitCode;
                context.ReadinessStreak = probed.Result.ExitCode == 0 ? 0 : context.ReadinessStreak + 1;
                break;
        }
    }

    /// <summary>A duration to the millisecond in the API's canonical notation (<c>212ms</c>, <c>1s600ms</c>).</summary>
    private static string Human(TimeSpan duration) => GoDuration.Format(TimeSpan.FromMilliseconds(Math.Round(duration.TotalMilliseconds)));

    private static Dictionary<string, string> Attrs(params IEnumerable<(string Key, string Value)> pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private sealed class Context
    {
        public required string Name { get; set; }
        public RestartPolicy Policy { get; set; } = RestartPolicy.No;
        public long? MemoryLimit { get; set; }
        public int? LastExitCode { get; set; }
        public TimeSpan? LastRun { get; set; }
        public int Attempt { get; set; }
        public int? LastProbeExit { get; set; }
        public int FailingStreak { get; set; }
        public int? LastReadinessExit { get; set; }
        public int ReadinessStreak { get; set; }
        public DomainEvent.Restarting? PendingRestart { get; set; }
        public StopPurpose StopUnderWay { get; set; }
    }
}
