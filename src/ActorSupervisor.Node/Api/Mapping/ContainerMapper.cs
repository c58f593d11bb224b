using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Node.Api.Mapping;

/// <summary>Turns the supervision layer's snapshots into the API's wire records, in canonical form.</summary>
internal static class ContainerMapper
{
    /// <summary>What <c>inspect</c> answers.</summary>
    public static ContainerInfo ToInfo(ContainerSnapshot snapshot)
    {
        var state = snapshot.State;
        var spec = RequireSpec(snapshot);
        return new ContainerInfo
        {
            Id = snapshot.Id,
            Name = snapshot.Name,
            Node = snapshot.Node,
            Spec = ToRawSpec(spec),
            State = StateName(state.Status),
            RestartCount = state.RestartCount,
            ExitCode = state.ExitCode,
            OomKilled = state.OomKilled,
            Error = state.Error ?? state.GaveUpReason,
            Health = state.Health is { } health && spec.HealthCheck is { Enabled: true } ? ToHealth(health) : null,
            Readiness = state.Readiness is { } readiness && spec.Readiness is { Enabled: true } ? ToReadiness(readiness) : null,
            Pid = state.Pid,
            CreatedAt = state.CreatedAt ?? DateTimeOffset.UnixEpoch,
            StartedAt = state.StartedAt,
            FinishedAt = state.FinishedAt,
            NextRestartAt = state.Status == ContainerStatus.Restarting ? state.RestartDueAt : null,
            ManuallyStopped = state.ManuallyStopped,
            HostConfig = new HostConfigInfo { LogConfig = new LogConfigInfo { Config = LogOptions.Format(spec.LogMaxBytes, spec.LogMaxFiles) } },
        };
    }

    /// <summary>One row of the list.</summary>
    public static ContainerSummary ToSummary(ContainerSnapshot snapshot)
    {
        var state = snapshot.State;
        var spec = RequireSpec(snapshot);
        return new ContainerSummary
        {
            Id = snapshot.Id,
            Name = snapshot.Name,
            Runtime = RuntimeName(spec.Runtime),
            Image = spec.Image,
            Command = spec.Command?.ToString(),
            State = StateName(state.Status),
            Health = HealthName(snapshot) is var health && health != HealthStatuses.None ? health : null,
            Readiness = state.Readiness is { } readiness && spec.Readiness is { Enabled: true } ? ReadinessName(ReadinessRule.Of(readiness.Status)) : null,
            Restart = spec.Restart.ToString(),
            RestartCount = state.RestartCount,
            ExitCode = state.ExitCode,
            Pid = state.Pid,
            Node = snapshot.Node,
            Labels = spec.Labels,
            CreatedAt = state.CreatedAt ?? DateTimeOffset.UnixEpoch,
            StartedAt = state.StartedAt,
            FinishedAt = state.FinishedAt,
        };
    }

    /// <summary>The spec in the form users type, defaults filled in.</summary>
    public static RawContainerSpec ToRawSpec(ContainerSpec spec) => new()
    {
        Name = spec.Name,
        Runtime = RuntimeName(spec.Runtime),
        Image = spec.Image,
        Command = spec.Command is { IsShell: false } exec ? exec.Arguments : null,
        Cmd = spec.Command is { IsShell: true } shell ? shell.Arguments[0] : null,
        Env = spec.Env.Count == 0 ? null : spec.Env,
        Workdir = spec.WorkingDirectory,
        User = spec.User,
        Labels = spec.Labels.Count == 0 ? null : spec.Labels,
        Memory = spec.MemoryLimitBytes is { } bytes ? MemorySize.Format(bytes) : null,
        LogOptions = spec.LogMaxBytes is null && spec.LogMaxFiles is null ? null : LogOptions.Format(spec.LogMaxBytes, spec.LogMaxFiles),
        StopSignal = spec.StopSignal,
        StopTimeout = GoDuration.Format(spec.StopTimeout),
        Restart = spec.Restart.ToString(),
        Healthcheck = spec.HealthCheck is { Enabled: true } check ? ToRawHealthCheck(check) : null,
        Readiness = spec.Readiness is { Enabled: true } readiness ? ToRawHealthCheck(readiness) : null,
    };

    /// <summary><c>starting</c>, <c>ready</c> or <c>not_ready</c>.</summary>
    public static string ReadinessName(ReadinessStatus status) => status switch
    {
        ReadinessStatus.Ready => ReadinessStatuses.Ready,
        ReadinessStatus.NotReady => ReadinessStatuses.NotReady,
        _ => ReadinessStatuses.Starting,
    };

    /// <summary>The wire name of a status: Docker's (<c>running</c>, <c>exited</c>, ...).</summary>
    public static string StateName(ContainerStatus status) => status switch
    {
        ContainerStatus.Created => ContainerStates.Created,
        ContainerStatus.Running => ContainerStates.Running,
        ContainerStatus.Paused => ContainerStates.Paused,
        ContainerStatus.Restarting => ContainerStates.Restarting,
        ContainerStatus.Removed => ContainerStates.Dead,
        _ => ContainerStates.Exited,
    };

    /// <summary>The health's wire name, <c>none</c> without a health check.</summary>
    public static string HealthName(ContainerSnapshot snapshot) =>
        snapshot.State.Spec?.HealthCheck is { Enabled: true } && snapshot.State.Health is { } health
            ? HealthStatusName(health.Status)
            : HealthStatuses.None;

    /// <summary><c>starting</c>, <c>healthy</c>, <c>unhealthy</c> or <c>none</c>.</summary>
    public static string HealthStatusName(HealthStatus status) => status switch
    {
        HealthStatus.Starting => HealthStatuses.Starting,
        HealthStatus.Healthy => HealthStatuses.Healthy,
        HealthStatus.Unhealthy => HealthStatuses.Unhealthy,
        _ => HealthStatuses.None,
    };

    /// <summary><c>process</c>, <c>docker</c> or <c>fake</c>.</summary>
    public static string RuntimeName(RuntimeKind kind) => kind.ToString().ToLowerInvariant();

    private static HealthInfo ToHealth(HealthState health) => ToInfo(HealthStatusName(health.Status), health);

    private static HealthInfo ToReadiness(HealthState readiness) => ToInfo(ReadinessName(ReadinessRule.Of(readiness.Status)), readiness);

    private static HealthInfo ToInfo(string status, HealthState probe) => new(
        status,
        probe.FailingStreak,
        probe.Log.TakeLast(HealthMonitor.MaxLogEntries).Select(entry => new HealthProbeResult(entry.Start, entry.End, entry.ExitCode, entry.Output)).ToList());

    private static RawHealthCheck ToRawHealthCheck(HealthCheck check) => new()
    {
        Test = check switch
        {
            { HttpGet: { } url } => [HealthTest.Http, url.OriginalString],
            { TcpConnect: { } target } => [HealthTest.Tcp, target.ToString()],
            { Test.IsShell: true } => [HealthTest.CmdShell, check.Test.Arguments[0]],
            _ => [HealthTest.Cmd, .. check.Test!.Arguments],
        },
        Interval = GoDuration.Format(check.Interval),
        Timeout = GoDuration.Format(check.Timeout),
        Retries = check.Retries,
        StartPeriod = GoDuration.Format(check.StartPeriod),
        StartInterval = GoDuration.Format(check.StartInterval),
    };

    private static ContainerSpec RequireSpec(ContainerSnapshot snapshot) =>
        snapshot.State.Spec ?? throw new InvalidOperationException($"container {snapshot.Id} has no spec");
}
