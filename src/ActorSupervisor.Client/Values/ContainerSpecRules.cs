using System.Globalization;
using System.Text.RegularExpressions;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Client.Values;

/// <summary>
/// The rules of docs/api.md for a <see cref="ContainerSpecDto"/>, as <see cref="ApiErrorDetail"/> entries
/// (empty when valid). The CLI checks files with them before sending anything; the node may answer 400 with them.
/// </summary>
public static partial class ContainerSpecRules
{
    /// <summary>The longest container name.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Every problem of <paramref name="spec"/>; field paths start with <paramref name="path"/> (e.g. <c>containers[2].</c>).</summary>
    public static IReadOnlyList<ApiErrorDetail> Validate(ContainerSpecDto spec, string path = "")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<ApiErrorDetail>();
        void Add(string field, string? value, string message) => problems.Add(new ApiErrorDetail(path + field, value, message));

        if (string.IsNullOrEmpty(spec.Name)) Add("name", null, "a name is required");
        else if (spec.Name.Length > MaxNameLength) Add("name", spec.Name, $"at most {MaxNameLength} characters");
        else if (!IsValidName(spec.Name)) Add("name", spec.Name, "must be two characters or more, start with a letter or digit, and contain only letters, digits, '_', '.' and '-'");

        var runtime = spec.Runtime ?? "process";
        if (runtime is not ("process" or "docker" or "fake")) Add("runtime", spec.Runtime, "must be process, docker or fake");
        if (spec.Command is not null && spec.Cmd is not null) Add("cmd", spec.Cmd, "give command (exec form) or cmd (shell form), not both");
        if (spec.Command is { Count: 0 }) Add("command", "[]", "must name a program");
        if (runtime == "process" && spec.Command is null && spec.Cmd is null) Add("command", null, "the process runtime needs command or cmd");
        if (runtime == "docker" && string.IsNullOrEmpty(spec.Image)) Add("image", spec.Image, "the docker runtime needs an image");

        if (spec.Memory is { } memory && !MemorySize.TryParse(memory, out _, out var memoryError)) Add("memory", memory, memoryError);
        if (spec.StopTimeout is { } stopTimeout && !TryParseStopTimeout(stopTimeout, out _))
            Add("stopTimeout", stopTimeout, $"'{stopTimeout}' is not a duration; use whole seconds or e.g. 10s, 1m30s");
        if (spec.StopSignal is { } signal && !IsSignal(signal)) Add("stopSignal", signal, "not a signal; use a name like SIGTERM or a number 1-64");
        if (spec.Restart is { } restart && !RestartPolicyText.TryNormalize(restart, out _, out var restartError)) Add("restart", restart, restartError);
        if (spec.Healthcheck is { } check) CheckHealth(check, Add);
        return problems;
    }

    /// <summary>
    /// A stop timeout: whole seconds as Docker's <c>--stop-timeout</c> takes them (<c>10</c>), or a duration (<c>1m30s</c>).
    /// </summary>
    public static bool TryParseStopTimeout(string text, out TimeSpan value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }
        return DurationText.TryParse(text, out value, out _);
    }

    /// <summary>Docker's name rule: <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c> (two characters at least), at most <see cref="MaxNameLength"/>.</summary>
    public static bool IsValidName(string name) => name.Length <= MaxNameLength && NamePattern().IsMatch(name);

    /// <summary>Signal names (with or without SIG) or numbers 1-64.</summary>
    public static bool IsSignal(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number is >= 1 and <= 64;
        return SignalPattern().IsMatch(text);
    }

    private static void CheckHealth(HealthcheckDto check, Action<string, string?, string> add)
    {
        var test = check.Test;
        var validTest = test is not null && test.Count > 0 && test[0] switch
        {
            "NONE" => test.Count == 1,
            "CMD" => test.Count >= 2,
            "CMD-SHELL" => test.Count == 2,
            _ => false,
        };
        if (!validTest)
            add("healthcheck.test", test is null ? null : string.Join(' ', test),
                "must be [\"CMD\", program, args...], [\"CMD-SHELL\", script] or [\"NONE\"]");
        CheckDuration(check.Interval, "healthcheck.interval", add);
        CheckDuration(check.Timeout, "healthcheck.timeout", add);
        CheckDuration(check.StartPeriod, "healthcheck.startPeriod", add);
        CheckDuration(check.StartInterval, "healthcheck.startInterval", add);
        if (check.Retries is < 0) add("healthcheck.retries", check.Retries.Value.ToString(CultureInfo.InvariantCulture), "must be 0 or more");
    }

    // Docker's rule: 0 means the default; anything else is at least 1ms.
    private static void CheckDuration(string? text, string field, Action<string, string?, string> add)
    {
        if (text is null) return;
        if (!DurationText.TryParse(text, out var value, out var error)) add(field, text, error);
        else if (value > TimeSpan.Zero && value < TimeSpan.FromMilliseconds(1)) add(field, text, "must be 0 (the default) or at least 1ms");
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^(SIG)?(HUP|INT|QUIT|ILL|TRAP|ABRT|BUS|FPE|KILL|USR1|SEGV|USR2|PIPE|ALRM|TERM|STKFLT|CHLD|CONT|STOP|TSTP|TTIN|TTOU|URG|XCPU|XFSZ|VTALRM|PROF|WINCH|IO|POLL|IOT|PWR|SYS)$", RegexOptions.IgnoreCase)]
    private static partial Regex SignalPattern();
}
