using System.Globalization;
using ActorSupervisor.Containers.Domain.Parsing;
using Microsoft.Extensions.Configuration;

namespace ActorSupervisor.Node.Configuration;

/// <summary>
/// Reads <c>actor-supervisor.containers { name { ... } }</c> into specs with the domain's parser. Keys are
/// the JSON spec's fields in HOCON's kebab case (<c>stop-timeout</c>, <c>healthcheck.start-period</c>); an
/// unknown key or a bad value stops start-up with the file, line and path.
/// </summary>
internal static class DeclaredContainerReader
{
    private const string Section = "actor-supervisor.containers";

    private static readonly HashSet<string> TopKeys =
    [
        "runtime", "image", "command", "cmd", "env", "workdir", "user", "labels", "memory", "stop-signal", "stop-timeout",
        "restart", "healthcheck", "backoff", "intensity", "restart-on-unhealthy",
    ];

    /// <summary>The declared containers, parsed, in the order of their names.</summary>
    public static IReadOnlyList<DeclaredContainer> Read(SettingReader settings, NodeOptions options)
    {
        var declared = new List<DeclaredContainer>();
        foreach (var section in settings.Root.GetSection(SettingReader.Key(Section)).GetChildren().OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var path = Section + "." + section.Key;
            var fields = new SectionFields(settings, section, path);
            fields.RequireOnly(TopKeys);
            var raw = SpecDefaults.WithRuntime(ReadSpec(fields, section.Key), options);
            var parsed = ContainerSpecParser.Parse(raw);
            if (!parsed.IsValid)
            {
                var error = parsed.Errors[0];
                throw settings.Error(path + "." + KebabPath(error.Field), error.Value, error.Message);
            }
            declared.Add(new DeclaredContainer(SpecDefaults.Apply(raw, parsed.Spec!, options), settings.Where(path)));
        }
        return declared;
    }

    private static RawContainerSpec ReadSpec(SectionFields fields, string name) => new()
    {
        Name = name,
        Runtime = fields.Text("runtime"),
        Image = fields.Text("image"),
        Command = fields.List("command"),
        Cmd = fields.Text("cmd"),
        Env = fields.Map("env"),
        Workdir = fields.Text("workdir"),
        User = fields.Text("user"),
        Labels = fields.Map("labels"),
        Memory = fields.Text("memory"),
        StopSignal = fields.Text("stop-signal"),
        StopTimeout = fields.Text("stop-timeout"),
        Restart = fields.Text("restart"),
        Healthcheck = fields.Child("healthcheck", ["test", "interval", "timeout", "retries", "start-period", "start-interval", "exit2-means-starting"],
            health => new RawHealthCheck
            {
                Test = health.List("test"),
                Interval = health.Text("interval"),
                Timeout = health.Text("timeout"),
                Retries = health.Int("retries"),
                StartPeriod = health.Text("start-period"),
                StartInterval = health.Text("start-interval"),
                Exit2MeansStarting = health.Bool("exit2-means-starting"),
            }),
        Backoff = fields.Child("backoff", ["initial", "multiplier", "max", "reset-after", "random-factor"], backoff => new RawBackoff
        {
            Initial = backoff.Text("initial"),
            Multiplier = backoff.Double("multiplier"),
            Max = backoff.Text("max"),
            ResetAfter = backoff.Text("reset-after"),
            RandomFactor = backoff.Double("random-factor"),
        }),
        Intensity = fields.Child("intensity", ["max-restarts", "window"], intensity => new RawIntensity
        {
            MaxRestarts = intensity.Int("max-restarts"),
            Window = intensity.Text("window"),
        }),
        RestartOnUnhealthy = fields.Child("restart-on-unhealthy", ["limit", "grace"], unhealthy => new RawUnhealthyRestart
        {
            Limit = unhealthy.Int("limit"),
            Grace = unhealthy.Text("grace"),
        }),
    };

    /// <summary><c>healthcheck.startPeriod</c> → <c>healthcheck.start-period</c>.</summary>
    internal static string KebabPath(string field) =>
        string.Join('.', field.Split('.').Select(part => string.Concat(part.Select((c, i) =>
            char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()))));

    /// <summary>Typed access to one object of the declaration, with located errors.</summary>
    private sealed class SectionFields(SettingReader settings, IConfigurationSection section, string path)
    {
        public void RequireOnly(HashSet<string> known)
        {
            if (section.Value is not null && !section.GetChildren().Any())
                throw settings.Error(path, section.Value, "expected an object such as { cmd = \"...\", restart = \"on-failure:5\" }");
            foreach (var child in section.GetChildren())
            {
                if (!known.Contains(child.Key))
                    throw settings.Error(path + "." + child.Key, child.Value, $"unknown setting; expected one of {string.Join(", ", known.Order())}");
            }
        }

        public string? Text(string key)
        {
            var child = section.GetSection(key);
            if (child.GetChildren().Any())
                throw settings.Error(path + "." + key, null, "expected a single value, not an object or a list");
            return child.Value;
        }

        public int? Int(string key) => Number<int>(key, text =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null, "a whole number");

        public double? Double(string key) => Number<double>(key, text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null, "a number");

        public bool? Bool(string key) => Number<bool>(key, text =>
            Hocon.HoconBoolean.TryParse(text, out var value) ? value : null, "true or false");

        public IReadOnlyList<string>? List(string key)
        {
            var child = section.GetSection(key);
            if (!child.Exists())
                return null;
            if (child.Value is not null)
                throw settings.Error(path + "." + key, child.Value, "expected a list such as [\"/bin/sh\", \"-c\", \"sleep 1\"]");
            var items = child.GetChildren().ToList();
            if (items.Any(item => !int.TryParse(item.Key, out _) || item.GetChildren().Any()))
                throw settings.Error(path + "." + key, null, "expected a list of strings");
            return items.OrderBy(item => int.Parse(item.Key, CultureInfo.InvariantCulture)).Select(item => item.Value ?? "").ToList();
        }

        public IReadOnlyDictionary<string, string>? Map(string key)
        {
            var child = section.GetSection(key);
            if (!child.Exists())
                return null;
            if (child.Value is not null && !child.GetChildren().Any())
                throw settings.Error(path + "." + key, child.Value, "expected an object of names and values, e.g. { PORT = \"8080\" }");
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in child.GetChildren())
            {
                if (item.GetChildren().Any())
                    throw settings.Error(path + "." + key + "." + item.Key, null, "expected a single value");
                map[item.Key] = item.Value ?? "";
            }
            return map;
        }

        public T? Child<T>(string key, HashSet<string> known, Func<SectionFields, T> read) where T : class
        {
            var child = section.GetSection(key);
            if (!child.Exists())
                return null;
            var fields = new SectionFields(settings, child, path + "." + key);
            fields.RequireOnly(known);
            return read(fields);
        }

        private T? Number<T>(string key, Func<string, T?> parse, string expected) where T : struct
        {
            var text = Text(key);
            if (text is null)
                return null;
            return parse(text) ?? throw settings.Error(path + "." + key, text, $"expected {expected}");
        }
    }
}
