namespace ActorSupervisor.Containers.Domain.Parsing;

/// <summary>A parsed container spec, or every error found in the raw one.</summary>
/// <param name="Spec">The spec, when there are no errors.</param>
/// <param name="Errors">All errors, in field order; empty when the spec is valid.</param>
public sealed record SpecParseResult(ContainerSpec? Spec, IReadOnlyList<SpecError> Errors)
{
    /// <summary>Whether the raw spec was valid.</summary>
    public bool IsValid => Spec is not null && Errors.Count == 0;
}
