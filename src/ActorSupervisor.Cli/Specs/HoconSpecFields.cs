using System.Text;
using ActorSupervisor.Cli.App;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Hocon;

namespace ActorSupervisor.Cli.Specs;

/// <summary>One container of a HOCON spec file as a <see cref="ContainerSpecDto"/>, every error located at file:line:column.</summary>
internal sealed class HoconSpecFields
{
    private static readonly string[] SpecKeys =
        ["name", "runtime", "image", "command", "cmd", "env", "workdir", "user", "labels", "memory", "stopSignal", "stopTimeout", "restart", "healthcheck"];

    private static readonly string[] HealthKeys = ["test", "interval", "timeout", "retries", "startPeriod", "startInterval"];

    private readonly Dictionary<string, (string Key, HoconValue Value)> fields = new(StringComparer.Ordinal);
    private readonly string path;

    private HoconSpecFields(HoconValue value, string path, IReadOnlyList<string> known)
    {
        this.path = path;
        var obj = value as HoconObject ?? throw Error(value, path, $"expected an object such as {{ cmd = \"sleep 5\", restart = always }}, found {value.KindName}");
        foreach (var (key, child) in obj)
        {
            var camel = Camel(key);
            if (!known.Contains(camel))
                throw Error(child, $"{path}.{key}", "unknown field; " + UnknownFields.Hint(known.Select(Kebab), key));
            fields[camel] = (key, child);
        }
    }

    public static ContainerSpecDto Read(HoconValue value, string name, string path)
    {
        var spec = new HoconSpecFields(value, path, SpecKeys);
        if (spec.Text("name") is { } given && given != name)
            throw Error(spec.fields["name"].Value, path + ".name", $"'{given}' differs from its key '{name}'; drop one");
        return new ContainerSpecDto
        {
            Name = name,
            Runtime = spec.Text("runtime"),
            Image = spec.Text("image"),
            Command = spec.List("command"),
            Cmd = spec.Text("cmd"),
            Env = spec.Map("env"),
            Workdir = spec.Text("workdir"),
            User = spec.Text("user"),
            Labels = spec.Map("labels"),
            Memory = spec.Text("memory"),
            StopSignal = spec.Text("stopSignal"),
            StopTimeout = spec.Text("stopTimeout"),
            Restart = spec.Text("restart"),
            Healthcheck = spec.fields.TryGetValue("healthcheck", out var health) ? ReadHealth(health.Value, $"{path}.{health.Key}") : null,
        };
    }

    private static HealthcheckDto ReadHealth(HoconValue value, string path)
    {
        var health = new HoconSpecFields(value, path, HealthKeys);
        return new HealthcheckDto
        {
            Test = health.List("test"),
            Interval = health.Text("interval"),
            Timeout = health.Text("timeout"),
            Retries = health.Int("retries"),
            StartPeriod = health.Text("startPeriod"),
            StartInterval = health.Text("startInterval"),
        };
    }

    private string? Text(string field) => Get(field) is { } found ? Scalar(found.Value, found.Path) : null;

    private int? Int(string field) => Get(field) is { } found
        ? int.TryParse(Scalar(found.Value, found.Path), out var number) ? number : throw Error(found.Value, found.Path, "expected a whole number")
        : null;

    private IReadOnlyList<string>? List(string field)
    {
        if (Get(field) is not { } found) return null;
        var array = found.Value as HoconArray ?? throw Error(found.Value, found.Path, "expected a list such as [\"/bin/sh\", \"-c\", \"sleep 1\"]");
        return array.Select((item, index) => Scalar(item, $"{found.Path}[{index}]") ?? "").ToList();
    }

    private Dictionary<string, string>? Map(string field)
    {
        if (Get(field) is not { } found) return null;
        var obj = found.Value as HoconObject ?? throw Error(found.Value, found.Path, "expected an object of names and values, e.g. { PORT = \"8080\" }");
        return obj.ToDictionary(pair => pair.Key, pair => Scalar(pair.Value, $"{found.Path}.{pair.Key}") ?? "", StringComparer.Ordinal);
    }

    private (HoconValue Value, string Path)? Get(string field) =>
        fields.TryGetValue(field, out var found) ? (found.Value, $"{path}.{found.Key}") : null;

    private static string? Scalar(HoconValue value, string path) =>
        value is HoconScalar scalar ? scalar.Text : throw Error(value, path, $"expected a single value, found {value.KindName}");

    private static UsageException Error(HoconValue value, string path, string reason) =>
        new($"{value.Position}: setting '{path}': {reason}");

    /// <summary><c>stop-timeout</c> → <c>stopTimeout</c>; camel case stays as it is.</summary>
    private static string Camel(string key)
    {
        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '-' && i + 1 < key.Length) builder.Append(char.ToUpperInvariant(key[++i]));
            else builder.Append(key[i]);
        }
        return builder.ToString();
    }

    /// <summary><c>stopTimeout</c> → <c>stop-timeout</c>, the spelling HOCON files use.</summary>
    private static string Kebab(string field) =>
        string.Concat(field.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
}
