using System.Globalization;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Client.Values;
using ActorSupervisor.Values;
using ActorSupervisor.Values.Specs;
using Spectre.Console;

namespace ActorSupervisor.Cli.Output;

/// <summary>What <c>inspect</c> prints: JSON as the API gives it, or a readable sheet with the health log.</summary>
internal static class InspectView
{
    public static void Write(CliOutput output, IReadOnlyList<ContainerInfo> containers)
    {
        if (output.IsJson)
        {
            output.Json(containers, ApiJsonContext.Default.IReadOnlyListContainerInfo);
            return;
        }
        for (var i = 0; i < containers.Count; i++)
        {
            if (i > 0) output.Line("");
            WriteOne(output, containers[i]);
        }
    }

    private static void WriteOne(CliOutput output, ContainerInfo c)
    {
        var now = output.Now;
        output.Render(PlainTable.Properties(Properties(c, now, output.IsWide)));
        if (c.Health is { } health) WriteProbe(output, "Health", health);
        if (c.Readiness is { } readiness) WriteProbe(output, "Readiness (gates nothing)", readiness);
    }

    private static void WriteProbe(CliOutput output, string title, HealthInfo probeState)
    {
        output.Line("");
        output.Line($"{title}: {probeState.Status}, failing streak {probeState.FailingStreak}; last {probeState.Log.Count} results:");
        var table = PlainTable.Create("START", "DURATION", "EXIT", "OUTPUT");
        foreach (var probe in probeState.Log)
            PlainTable.AddRow(table, TextFormat.Time(probe.Start), TextFormat.Duration(probe.End - probe.Start),
                probe.ExitCode.ToString(CultureInfo.InvariantCulture), output.IsWide ? probe.Output.TrimEnd() : OneLine(probe.Output));
        output.Render(table);
    }

    private static IEnumerable<(string, string)> Properties(ContainerInfo c, DateTimeOffset now, bool wide)
    {
        var spec = c.Spec;
        yield return ("Name", c.Name);
        yield return ("Id", c.Id);
        yield return ("Status", ContainerStatusText.Describe(c, now));
        yield return ("State", c.State);
        yield return ("Restart policy", spec.Restart ?? "no");
        yield return ("Restart count", c.RestartCount.ToString(CultureInfo.InvariantCulture));
        if (c.NextRestartAt is { } next) yield return ("Next restart", $"{TextFormat.Time(next)} (in {TextFormat.Duration(next - now)})");
        yield return ("Exit code", c.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-");
        yield return ("OOM killed", TextFormat.YesNo(c.OomKilled));
        yield return ("Manually stopped", TextFormat.YesNo(c.ManuallyStopped));
        if (c.Error is { } error) yield return ("Error", error);
        yield return ("Pid", c.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-");
        yield return ("Node", c.Node);
        yield return ("Runtime", spec.Runtime ?? "process");
        if (spec.Image is { } image) yield return ("Image", image);
        yield return ("Command", spec.Cmd ?? string.Join(' ', spec.Command ?? []));
        if (spec.LogOptions is { Count: > 0 } logOptions) yield return ("Log options", string.Join(' ', Sorted(logOptions).Select(p => $"{p.Item1}={p.Item2}")));
        if (spec.Memory is { } memory) yield return ("Memory limit", MemorySize.TryParse(memory, out var bytes, out _) ? MemorySize.Humanize(bytes) : memory);
        yield return ("Created", $"{TextFormat.Time(c.CreatedAt)} ({TextFormat.Ago(c.CreatedAt, now)})");
        yield return ("Started", TextFormat.Time(c.StartedAt));
        yield return ("Finished", TextFormat.Time(c.FinishedAt));
        if (!wide) yield break;
        yield return ("Workdir", spec.Workdir ?? "-");
        yield return ("User", spec.User ?? "-");
        yield return ("Stop", $"{spec.StopSignal ?? "SIGTERM"}, SIGKILL after {spec.StopTimeout ?? "10s"}");
        foreach (var (key, value) in Sorted(spec.Env)) yield return ("Env", $"{key}={value}");
        foreach (var (key, value) in Sorted(spec.Labels)) yield return ("Label", $"{key}={value}");
        if (spec.Healthcheck is { } check) yield return ("Health check", ProbeSettings(check));
        if (spec.Readiness is { } readiness) yield return ("Readiness probe", ProbeSettings(readiness));
    }

    private static string ProbeSettings(RawHealthCheck check) =>
        $"{string.Join(' ', check.Test ?? [])} every {check.Interval ?? "30s"}, timeout {check.Timeout ?? "30s"}, retries {check.Retries ?? 3}";

    private static IEnumerable<(string, string)> Sorted(IReadOnlyDictionary<string, string>? map) =>
        (map ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value));

    private static string OneLine(string text) => TextFormat.Truncate(text.ReplaceLineEndings(" ").Trim(), 60);
}
