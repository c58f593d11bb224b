using System.Text.Json;
using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Specs;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Tests.Specs;

/// <summary>
/// Issue 15: numbers in JSON specs. <c>memory</c> is bytes and <c>stopTimeout</c> whole seconds, as in
/// Docker's API; durations refuse a bare number (Docker's API would read nanoseconds) with a sentence naming the field.
/// </summary>
public sealed class SpecNumberTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    private string ReadError(string text) =>
        Assert.Throws<UsageException>(() => SpecFileReader.Default.Read(files.Write("spec.json", text))).Message;

    [Fact]
    public void Memory_in_bytes_and_stop_timeout_in_seconds_are_read_as_the_text_they_mean()
    {
        var spec = Assert.Single(SpecFileReader.Default.Read(files.Write("web.json", """
            { "name": "web", "cmd": "serve", "stopTimeout": 10, "memory": 67108864,
              "healthcheck": { "test": ["CMD-SHELL", "true"], "interval": "5s", "startPeriod": 0, "retries": 2 } }
            """)));

        Assert.Equal(("10", "67108864", "0"), (spec.StopTimeout, spec.Memory, spec.Healthcheck!.StartPeriod));
    }

    [Fact]
    public void The_node_reads_the_same_body_and_echoes_text()
    {
        // The node deserializes POST /api/v1/containers with this same contract.
        var spec = JsonSerializer.Deserialize("""{ "name": "web", "cmd": "x", "stopTimeout": 0, "memory": 0 }""", ApiJsonContext.Default.RawContainerSpec)!;
        Assert.Equal(("0", "0"), (spec.StopTimeout, spec.Memory));
        Assert.Equal("""{"name":"web","cmd":"x","memory":"0","stopTimeout":"0"}""",
            JsonSerializer.Serialize(spec, ApiJsonContext.Default.RawContainerSpec).Replace("\"runtime\":null,", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "name": "web", "cmd": "x", "healthcheck": { "test": ["CMD", "true"], "interval": 30 } }""",
        "$.healthcheck.interval: a bare number (30) is ambiguous here (Docker's API reads nanoseconds); write a duration with its unit such as \"30s\"")]
    [InlineData("""{ "name": "web", "cmd": "x", "stopTimeout": 1.5 }""",
        "$.stopTimeout: 1.5: a number here is whole seconds, 0 or more; or write a duration such as \"1500ms\"")]
    [InlineData("""{ "name": "web", "cmd": "x", "memory": -1 }""",
        "$.memory: -1: a number here is bytes, a whole number 0 or more")]
    [InlineData("""{ "name": "web", "cmd": "x", "memory": true }""",
        "$.memory: expected text or a number, not true")]
    [InlineData("""{ "name": "web", "cmd": "x", "intensity": { "maxRestarts": 3, "window": 60 } }""",
        "$.intensity.window: a bare number (60) is ambiguous here")]
    public void Other_numbers_are_refused_naming_the_field_and_what_to_write(string json, string expected)
    {
        var message = ReadError(json);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
    }
}
