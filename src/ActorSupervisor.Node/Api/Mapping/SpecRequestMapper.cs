using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Parsing;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Configuration;

namespace ActorSupervisor.Node.Api.Mapping;

/// <summary>Turns a create request's body into a spec with the domain's parser; every error becomes one 400 detail.</summary>
internal static class SpecRequestMapper
{
    /// <summary>The spec <paramref name="dto"/> describes, with the node's defaults where it is silent.</summary>
    /// <exception cref="ApiProblemException">The spec has errors; each is a detail naming the field and value.</exception>
    public static ContainerSpec ToSpec(ContainerSpecDto dto, NodeOptions options)
    {
        var raw = SpecDefaults.WithRuntime(ToRaw(dto), options);
        var parsed = ContainerSpecParser.Parse(raw);
        var errors = parsed.Errors;
        if (errors.Count > 0)
        {
            var details = errors.Select(e => new ApiErrorDetail(e.Field, e.Value, e.Message)).ToList();
            var summary = string.Join("; ", errors.Select(e => e.ToString()));
            throw ApiProblemException.InvalidArgument($"invalid container spec: {summary}", details);
        }
        return SpecDefaults.Apply(raw, parsed.Spec!, options);
    }

    private static RawContainerSpec ToRaw(ContainerSpecDto dto) => new()
    {
        Name = dto.Name,
        Runtime = dto.Runtime,
        Image = dto.Image,
        Command = dto.Command,
        Cmd = dto.Cmd,
        Env = dto.Env,
        Workdir = dto.Workdir,
        User = dto.User,
        Labels = dto.Labels,
        Memory = dto.Memory,
        StopSignal = dto.StopSignal,
        StopTimeout = dto.StopTimeout,
        Restart = dto.Restart,
        Healthcheck = dto.Healthcheck is { } health
            ? new RawHealthCheck
            {
                Test = health.Test,
                Interval = health.Interval,
                Timeout = health.Timeout,
                Retries = health.Retries,
                StartPeriod = health.StartPeriod,
                StartInterval = health.StartInterval,
            }
            : null,
    };
}
