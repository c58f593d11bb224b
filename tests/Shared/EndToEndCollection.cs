namespace ActorSupervisor.Tests.Shared;

/// <summary>End-to-end tests run one at a time: each starts a node process and real workloads on a shared, small machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "end-to-end";
}
