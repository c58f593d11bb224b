using System.Globalization;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Apply;

/// <summary>
/// A spec's settings as comparable text with the defaults filled in, so that <c>"10s"</c> and
/// <c>"10000ms"</c>, or a missing restart and <c>"no"</c>, count as the same.
/// </summary>
internal static class SpecCanonicalizer
{
    /// <summary>The field apply may change in place; every other difference means recreate.</summary>
    public const string RestartField = "restart";

    private const string None = "(none)";

    public static IReadOnlyList<(string Field, string Value)> Canonicalize(RawContainerSpec spec) =>
    [
        ("runtime", spec.Runtime ?? "process"),
        ("image", spec.Image ?? None),
        ("command", Command(spec)),
        ("env", Pairs(spec.Env)),
        ("workdir", spec.Workdir ?? None),
        ("user", spec.User ?? None),
        ("labels", Labels(spec.Labels)),
        ("memory", Memory(spec.Memory)),
        (LogOptionsField, LogOpts(spec.LogOptions)),
        ("stopSignal", Signal(spec.StopSignal ?? "SIGTERM")),
        ("stopTimeout", StopTimeout(spec.StopTimeout)),
        (RestartField, RestartPolicyText.TryNormalize(spec.Restart ?? "no", out var restart, out _) ? restart : spec.Restart!),
        ("healthcheck", Health(spec.Healthcheck)),
        (ReadinessField, Health(spec.Readiness)),
    ];

    /// <summary>The readiness probe's field (the digest leaves it out when there is none, so older digests still match).</summary>
    public const string ReadinessField = "readiness";

    /// <summary>The log settings' field (the digest leaves it out when there are none, as for readiness).</summary>
    public const string LogOptionsField = "logOptions";

    /// <summary>Fields added after digests were first written: left out of the digest while unset, so older digests still match.</summary>
    public static IReadOnlySet<string> LaterFields { get; } = new HashSet<string>(StringComparer.Ordinal) { ReadinessField, LogOptionsField };

    /// <summary>What a field without a value canonicalizes to.</summary>
    public const string NoValue = None;

    /// <summary>What differs from <paramref name="current"/> to <paramref name="desired"/>.</summary>
    public static IReadOnlyList<SpecChange> Compare(RawContainerSpec current, RawContainerSpec desired) =>
        Canonicalize(current).Zip(Canonicalize(desired))
            .Where(pair => pair.First.Value != pair.Second.Value)
            .Select(pair => new SpecChange(pair.First.Field, pair.First.Value, pair.Second.Value))
            .ToList();

    private static string Command(RawContainerSpec spec) =>
        spec.Cmd is { } script ? "sh -c " + Quote(script)
        : spec.Command is { } argv ? string.Join(' ', argv.Select(Quote))
        : None;

    private static string Quote(string word) => word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c == '"') ? word : $"\"{word.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    // Apply's own labels are its bookkeeping, not settings: the fingerprint differs whenever the spec does, and a
    // container declared in the node's configuration (or run by hand) lacks both, yet equals the file's spec.
    private static string Labels(IReadOnlyDictionary<string, string>? labels) =>
        Pairs(labels?.Where(p => p.Key != SpecDigest.Label && p.Key != ApplyPlanner.AppliedLabel).ToDictionary(p => p.Key, p => p.Value));

    private static string Pairs(IReadOnlyDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? None
        : string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string Signal(string signal) =>
        UnixSignal.TryParse(signal, out var parsed, out _) ? parsed.Name : signal;

    private static string Health(RawHealthCheck? check)
    {
        if (check?.Test is not { Count: > 0 } test || test[0] == "NONE") return None;
        var command = test[0] == "CMD-SHELL" ? "sh -c " + Quote(test[1]) : string.Join(' ', test.Skip(1).Select(Quote));
        return $"{command} every {Duration(check.Interval, 30)}, timeout {Duration(check.Timeout, 30)}, " +
               $"retries {(check.Retries ?? 3).ToString(CultureInfo.InvariantCulture)}, start period {Duration(check.StartPeriod, 0)}, " +
               $"start interval {Duration(check.StartInterval, 5)}";
    }

    // Values the node echoes are canonical already; one it cannot have produced is compared as written.
    // A zero health duration means the default, as in Docker.
    private static string Duration(string? text, int defaultSeconds) =>
        text is null ? GoDuration.Format(TimeSpan.FromSeconds(defaultSeconds))
        : GoDuration.TryParse(text, out var value, out _) ? GoDuration.Format(value == TimeSpan.Zero ? TimeSpan.FromSeconds(defaultSeconds) : value)
        : text;

    private static string StopTimeout(string? text) =>
        text is null ? "10s" : StopTimeoutText.TryParse(text, out var value, out _) ? GoDuration.Format(value) : text;

    // Sizes by their bytes (10m and 10240k are one setting); an option the rule refuses is compared as written.
    private static string LogOpts(IReadOnlyDictionary<string, string>? options) =>
        options is null || options.Count == 0 ? None
        : LogOptions.TryParse(options, out var maxBytes, out var maxFiles, out _, out _)
            ? Pairs(LogOptions.Format(maxBytes, maxFiles))
            : Pairs(options);

    // 0 means no limit, as in Docker.
    private static string Memory(string? text) =>
        text is null ? None : MemorySize.TryParse(text, out var bytes, out _) ? (bytes == 0 ? None : MemorySize.Humanize(bytes)) : text;
}
