using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSupervisor.Cli.Apply;

namespace ActorSupervisor.Cli.Output;

/// <summary>JSON for what only the CLI prints (apply plans, removed names), in the API's style.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApplyPlan))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
