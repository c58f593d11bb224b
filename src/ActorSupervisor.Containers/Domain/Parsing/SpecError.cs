namespace ActorSupervisor.Containers.Domain.Parsing;

/// <summary>One thing wrong with a container spec: which field, the value given, and what is wrong.</summary>
/// <param name="Field">The field as the user wrote it, e.g. <c>memory</c> or <c>healthcheck.interval</c>.</param>
/// <param name="Value">The value given, as text (null when missing).</param>
/// <param name="Message">What is wrong, and what would be right.</param>
public sealed record SpecError(string Field, string? Value, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Value is null ? $"{Field}: {Message}" : $"{Field} '{Value}': {Message}";
}
