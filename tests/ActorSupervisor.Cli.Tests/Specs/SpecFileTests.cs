using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Specs;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Tests.Specs;

public sealed class SpecFileTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    private string ReadError(string name, string text) =>
        Assert.Throws<UsageException>(() => SpecFileReader.Default.Read(files.Write(name, text))).Message;

    [Fact]
    public void One_container_object()
    {
        var specs = SpecFileReader.Default.Read(files.Write("web.json", """
            { "name": "web", "command": ["python3", "-m", "http.server"], "restart": "always",
              "healthcheck": { "test": ["CMD-SHELL", "true"], "interval": "5s" } }
            """));
        var web = Assert.Single(specs);
        Assert.Equal(("web", "always", "5s"), (web.Name, web.Restart, web.Healthcheck!.Interval));
    }

    [Fact]
    public void Restart_tuning_is_read_and_its_unknown_fields_are_named()
    {
        var spec = Assert.Single(SpecFileReader.Default.Read(files.Write("tuned.json", """
            { "name": "web", "cmd": "serve", "backoff": { "initial": "10ms", "multiplier": 3 },
              "intensity": { "maxRestarts": 5, "window": "1m" }, "restartOnUnhealthy": { "limit": 2, "grace": "5s" } }
            """)));
        Assert.Equal(("10ms", 3d), (spec.Backoff!.Initial, spec.Backoff.Multiplier));
        Assert.Equal((5, "1m"), (spec.Intensity!.MaxRestarts, spec.Intensity.Window));
        Assert.Equal((2, "5s"), (spec.RestartOnUnhealthy!.Limit, spec.RestartOnUnhealthy.Grace));

        var message = ReadError("typo.json", """{ "name": "web", "cmd": "x", "backoff": { "inital": "1s" } }""");
        Assert.Equal(files.PathOf("typo.json") + ": $.backoff.inital: unknown field; did you mean 'initial'?", message);
    }

    [Fact]
    public void An_array_keeps_file_order()
    {
        var specs = SpecFileReader.Default.Read(files.Write("two.json", """
            [ { "name": "bb", "cmd": "sleep 9" }, { "name": "aa", "cmd": "sleep 9" } ]
            """));
        Assert.Equal(["bb", "aa"], specs.Select(s => s.Name));
    }

    [Fact]
    public void Containers_keyed_by_name_with_comments_and_trailing_commas()
    {
        var specs = SpecFileReader.Default.Read(files.Write("keyed.json", """
            {
              // the demo
              "containers": {
                "web": { "cmd": "sleep 9", "labels": { "tier": "front" }, },
                "worker": { "name": "worker", "cmd": "sleep 9" },
              }
            }
            """));
        Assert.Equal(["web", "worker"], specs.Select(s => s.Name));
        Assert.Equal("front", specs[0].Labels!["tier"]);
    }

    [Fact]
    public void A_syntax_error_names_file_line_and_column()
    {
        var message = ReadError("broken.json", "{\n  \"name\": \"web\"\n  \"cmd\": \"x\"\n}");
        Assert.StartsWith(files.PathOf("broken.json") + ":3:3: not valid JSON:", message);
    }

    [Fact]
    public void An_unknown_field_names_its_path()
    {
        var message = ReadError("typo.json", """{ "containers": [ { "name": "web", "cmd": "x", "memroy": "5m" } ] }""");
        Assert.Equal(files.PathOf("typo.json") + ": $.containers[0].memroy: unknown field; did you mean 'memory'?", message);
    }

    [Fact]
    public void An_unknown_nested_field_lists_the_known_ones()
    {
        var message = ReadError("nested.json", """{ "name": "web", "cmd": "x", "healthcheck": { "command": "true" } }""");
        Assert.Equal(files.PathOf("nested.json") + ": $.healthcheck.command: unknown field; known fields: test, interval, timeout, retries, startPeriod, startInterval, exit2MeansStarting", message);
    }

    [Fact]
    public void A_wrong_type_names_its_path()
    {
        var message = ReadError("types.json", """[ { "name": "web", "cmd": "x", "healthcheck": { "retries": "three" } } ]""");
        Assert.StartsWith(files.PathOf("types.json") + ": $[0].healthcheck.retries: ", message);
    }

    [Fact]
    public void Every_invalid_value_is_listed_and_nothing_is_sent()
    {
        var message = ReadError("bad.json", """
            [ { "name": "web", "cmd": "x", "memory": "lots", "restart": "sometimes" },
              { "name": "web", "cmd": "y" },
              { "cmd": "z" } ]
            """);
        Assert.Equal(
            $"{files.PathOf("bad.json")}: 4 problem(s), nothing was sent:\n" +
            "  container 'web': memory 'lots': 'lots' is not a memory size; use e.g. 512m, 1g or a number of bytes (0 = no limit)\n" +
            "  container 'web': restart 'sometimes': 'sometimes' is not a restart policy; use no, always, unless-stopped or on-failure[:max-retries]\n" +
            "  container #3: name: a name is required\n" +
            "  container 'web' is declared 2 times", message);
    }

    [Theory]
    [InlineData("""{ "containers": { "web": { "name": "api", "cmd": "x" } } }""", "$.containers.web.name: 'api' differs from its key 'web'")]
    [InlineData("""{ "containers": [], "extra": 1 }""", "$.extra: unknown field")]
    [InlineData("""{ "containers": 5 }""", "$.containers: must be an array of containers or an object keyed by name")]
    [InlineData("""[ 5 ]""", "$[0]: a container must be a JSON object")]
    [InlineData("""[]""", "declares no containers")]
    [InlineData("\"web\"", "expected a container object")]
    public void Shapes_that_are_not_containers_are_refused(string text, string expected) =>
        Assert.Contains(expected, ReadError("shape.json", text));

    [Fact]
    public void A_missing_file_or_unknown_extension_is_named()
    {
        Assert.Contains("cannot read spec file", Assert.Throws<UsageException>(() => SpecFileReader.Default.Read(files.PathOf("absent.json"))).Message);
        Assert.Contains("unknown file type; asv reads .json, .conf, .hocon spec files", ReadError("c.yaml", "name: web"));
    }

    [Fact]
    public void Another_format_plugs_in_by_extension()
    {
        var reader = new SpecFileReader([new JsonSpecFormat(), new LinesFormat()]);
        var specs = reader.Read(files.Write("c.lines", "web\nworker"));
        Assert.Equal(["web", "worker"], specs.Select(s => s.Name));
    }

    /// <summary>A toy format (one name per line, fake runtime) standing in for the HOCON format to come.</summary>
    private sealed class LinesFormat : ISpecFileFormat
    {
        public IReadOnlyList<string> Extensions { get; } = [".lines"];

        public IReadOnlyList<RawContainerSpec> Read(string fileName, string text) =>
            text.Split('\n').Select(name => new RawContainerSpec { Name = name, Runtime = "fake" }).ToList();
    }
}
