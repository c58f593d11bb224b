using System.Globalization;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Client.Values;

/// <summary>
/// The rules of docs/api.md for a <see cref="RawContainerSpec"/>, as <see cref="ApiErrorDetail"/> entries
/// (empty when valid). The CLI checks files with them before sending anything; the node may answer 400 with them.
/// Each value is read by ActorSupervisor.Values, as the node reads it.
/// </summary>
public static class ContainerSpecRules
{
    /// <summary>Every problem of <paramref name="spec"/>; field paths start with <paramref name="path"/> (e.g. <c>containers[2].</c>).</summary>
    public static IReadOnlyList<ApiErrorDetail> Validate(RawContainerSpec spec, string path = "")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<ApiErrorDetail>();
        void Add(string field, string? value, string message) => problems.Add(new ApiErrorDetail(path + field, value, message));

        if (!ContainerName.TryValidate(spec.Name, out var nameError)) Add("name", string.IsNullOrEmpty(spec.Name) ? null : spec.Name, nameError);

        var runtime = spec.Runtime ?? "process";
        if (runtime is not ("process" or "docker" or "fake")) Add("runtime", spec.Runtime, "must be process, docker or fake");
        if (spec.Command is not null && spec.Cmd is not null) Add("cmd", spec.Cmd, "give command (exec form) or cmd (shell form), not both");
        if (spec.Command is { Count: 0 }) Add("command", "[]", "must name a program");
        if (runtime == "process" && spec.Command is null && spec.Cmd is null) Add("command", null, "the process runtime needs command or cmd");
        if (runtime == "docker" && string.IsNullOrEmpty(spec.Image)) Add("image", spec.Image, "the docker runtime needs an image");

        if (spec.Memory is { } memory)
        {
            if (!MemorySize.TryParse(memory, out var bytes, out var memoryError)) Add("memory", memory, memoryError);
            else if (SpecLimits.MemoryProblem(bytes) is { } memoryProblem) Add("memory", memory, memoryProblem);
        }
        if (!LogOptions.TryParse(spec.LogOptions, out _, out _, out var badLogOption, out var logOptionError))
            Add("logOptions." + badLogOption, spec.LogOptions![badLogOption], logOptionError);
        if (spec.StopTimeout is { } stopTimeout)
        {
            if (!StopTimeoutText.TryParse(stopTimeout, out var grace, out var stopTimeoutError)) Add("stopTimeout", stopTimeout, stopTimeoutError);
            else if (SpecLimits.DurationProblem("stopTimeout", grace) is { } graceProblem) Add("stopTimeout", stopTimeout, graceProblem);
        }
        if (spec.Backoff is { } backoff)
        {
            CheckBounded(backoff.Initial, "backoff.initial", add: Add);
            CheckBounded(backoff.Max, "backoff.max", add: Add);
            CheckBounded(backoff.ResetAfter, "backoff.resetAfter", add: Add);
        }
        if (spec.Intensity is { } intensity) CheckBounded(intensity.Window, "intensity.window", add: Add);
        if (spec.RestartOnUnhealthy is { } unhealthy) CheckBounded(unhealthy.Grace, "restartOnUnhealthy.grace", add: Add);
        if (spec.StopSignal is { } signal && !UnixSignal.TryParse(signal, out _, out var signalError)) Add("stopSignal", signal, signalError);
        if (spec.Restart is { } restart && !RestartPolicyText.TryParse(restart, out _, out _, out var restartError)) Add("restart", restart, restartError);
        if (spec.Healthcheck is { } check) CheckHealth(check, "healthcheck", Add);
        if (spec.Readiness is { } readiness) CheckHealth(readiness, "readiness", Add);
        return problems;
    }

    // The health check and the readiness probe (named by field) follow one rule.
    private static void CheckHealth(RawHealthCheck check, string field, Action<string, string?, string> add)
    {
        if (HealthTest.Problem(check.Test) is { } problem)
            add(field + ".test", check.Test is null ? null : string.Join(' ', check.Test), problem);
        CheckDuration(check.Interval, field + ".interval", add);
        CheckDuration(check.Timeout, field + ".timeout", add);
        CheckDuration(check.StartPeriod, field + ".startPeriod", add);
        CheckDuration(check.StartInterval, field + ".startInterval", add);
        if (check.Retries is < 0) add(field + ".retries", check.Retries.Value.ToString(CultureInfo.InvariantCulture), "must be 0 or more");
    }

    // Docker's rule: 0 means the default; anything else is at least 1ms ("1ns" too, though .NET rounds it to 0); and at most the bound.
    private static void CheckDuration(string? text, string field, Action<string, string?, string> add)
    {
        if (text is null) return;
        if (!GoDuration.TryParseNonNegative(text, out var value, out var error)) add(field, text, error);
        else if ((value > TimeSpan.Zero && value < SpecLimits.MinimumHealthDuration) || SpecLimits.RoundedToZero(text, value))
            add(field, text, "must be 0 (the default) or at least 1ms");
        else if (SpecLimits.DurationProblem(field, value) is { } problem) add(field, text, problem);
    }

    // A duration within its bound of SpecLimits.
    private static void CheckBounded(string? text, string field, Action<string, string?, string> add)
    {
        if (text is null) return;
        if (!GoDuration.TryParseNonNegative(text, out var value, out var error)) add(field, text, error);
        else if (SpecLimits.DurationProblem(field, value) is { } problem) add(field, text, problem);
    }
}
