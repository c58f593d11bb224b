using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Parsing;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Node.Api.Mapping;

/// <summary>Turns a create request's body into a spec with the domain's parser; every error becomes one 400 detail.</summary>
internal static class SpecRequestMapper
{
    /// <summary>The spec <paramref name="raw"/> describes, with the node's defaults where it is silent.</summary>
    /// <exception cref="ApiProblemException">The spec has errors; each is a detail naming the field and value.</exception>
    public static ContainerSpec ToSpec(RawContainerSpec raw, NodeOptions options)
    {
        var parsed = SpecDefaults.Parse(raw, options);
        if (parsed.IsValid)
            return parsed.Spec!;
        throw Invalid("container spec", parsed.Errors);
    }

    /// <summary>The 400 for <paramref name="errors"/> of a <paramref name="what"/> (<c>container spec</c>, <c>update</c>): one detail each.</summary>
    public static ApiProblemException Invalid(string what, IReadOnlyList<SpecError> errors)
    {
        var details = errors.Select(e => new ApiErrorDetail(e.Field, e.Value, e.Message)).ToList();
        var summary = string.Join("; ", errors.Select(e => e.ToString()));
        return ApiProblemException.InvalidArgument($"invalid {what}: {summary}", details);
    }
}
