using System.Text.Json.Nodes;

namespace ActorSupervisor.Supervision.Serialization;

/// <summary>
/// Turns the JSON of a retired manifest into the shape of a newer one, so events written by an older version
/// still read. Chains (v1 → v2 → v3) are followed; the last manifest must be a current one.
/// </summary>
/// <param name="FromManifest">The retired manifest, e.g. <c>container.die.v1</c> once v2 exists.</param>
/// <param name="ToManifest">The manifest whose shape <paramref name="Transform"/> produces.</param>
/// <param name="Transform">Rewrites the stored JSON; may change it in place.</param>
public sealed record ContainerUpcaster(string FromManifest, string ToManifest, Func<JsonNode, JsonNode> Transform)
{
    /// <summary>
    /// The upcasters of the product, empty while every manifest is at its first version. Add one here with the
    /// commit that introduces a vN+1 manifest.
    /// </summary>
    public static IReadOnlyList<ContainerUpcaster> All { get; } = [];
}
