using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ActorSupervisor.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Apply;

/// <summary>
/// A short fingerprint of a file's spec, kept on the container as <see cref="Label"/>. The node does not
/// echo backoff, intensity, restart-on-unhealthy or a health check's exit-2 reading (it fills an unset
/// backoff with its own default), so comparing inspect's fields alone cannot see a change to them; a
/// different fingerprint can. The restart policy is left out: apply changes it in place.
/// </summary>
internal static class SpecDigest
{
    /// <summary>The label holding the fingerprint of the spec apply created the container from.</summary>
    public const string Label = "asv.applied.spec";

    /// <summary>The settings only the fingerprint can see, as the spec file names them.</summary>
    public static IReadOnlyList<string> UnechoedFields { get; } = ["backoff", "intensity", "restartOnUnhealthy", "healthcheck.exit2MeansStarting"];

    /// <summary>The first 16 hex digits of SHA-256 over the spec's canonical JSON, without restart and apply's own labels.</summary>
    public static string Of(RawContainerSpec spec)
    {
        var hash = SHA256.HashData(CanonicalJson(spec));
        return Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>Which of <see cref="UnechoedFields"/> the spec sets.</summary>
    public static IReadOnlyList<string> UnechoedFieldsSet(RawContainerSpec spec)
    {
        var set = new[] { spec.Backoff is not null, spec.Intensity is not null, spec.RestartOnUnhealthy is not null, spec.Healthcheck?.Exit2MeansStarting is not null };
        return UnechoedFields.Where((_, i) => set[i]).ToList();
    }

    // The echoed settings go in canonical (so a rewrite such as 10s -> 10000ms changes nothing), the
    // others with their durations canonical; keys come in a fixed order, so equal specs give equal bytes.
    private static byte[] CanonicalJson(RawContainerSpec spec)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var labels = spec.Labels?.Where(p => p.Key is not (ApplyPlanner.AppliedLabel or Label)).ToDictionary(p => p.Key, p => p.Value);
            foreach (var (field, value) in SpecCanonicalizer.Canonicalize(spec with { Labels = labels }))
                if (field != SpecCanonicalizer.RestartField && !(SpecCanonicalizer.LaterFields.Contains(field) && value == SpecCanonicalizer.NoValue))
                    json.WriteString(field, value);
            if (spec.Backoff is { } backoff)
                WriteObject(json, "backoff", ("initial", Duration(backoff.Initial)), ("multiplier", Number(backoff.Multiplier)),
                    ("max", Duration(backoff.Max)), ("resetAfter", Duration(backoff.ResetAfter)), ("randomFactor", Number(backoff.RandomFactor)));
            if (spec.Intensity is { } intensity)
                WriteObject(json, "intensity", ("maxRestarts", Number(intensity.MaxRestarts)), ("window", Duration(intensity.Window)));
            if (spec.RestartOnUnhealthy is { } unhealthy)
                WriteObject(json, "restartOnUnhealthy", ("limit", Number(unhealthy.Limit)), ("grace", Duration(unhealthy.Grace)));
            Write(json, "exit2MeansStarting", spec.Healthcheck?.Exit2MeansStarting?.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteObject(Utf8JsonWriter json, string name, params (string Key, string? Value)[] fields)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in fields) Write(json, key, value);
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, string key, string? value)
    {
        if (value is not null) json.WriteString(key, value);
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Duration(string? text) =>
        text is not null && GoDuration.TryParse(text, out var value, out _) ? GoDuration.Format(value) : text;
}
