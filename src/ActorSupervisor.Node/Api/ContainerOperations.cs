using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Api.Mapping;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Node.Api;

/// <summary>
/// What a container request does once its arguments are read: one code path for both doors into a node, the HTTP
/// API (<see cref="ContainerEndpoints"/>) and the actor gateway for other actor systems (Interop/ContainerGateway).
/// Refusals are the exceptions <see cref="ApiExceptionHandler.Map"/> turns into the API's error codes.
/// </summary>
internal static class ContainerOperations
{
    /// <summary>Creates a container from the API's spec document, and starts it when <paramref name="start"/> is true.</summary>
    public static async Task<ContainerInfo> CreateAsync(IContainerService containers, RawContainerSpec raw, bool start, NodeOptions options,
        CancellationToken cancellationToken)
    {
        var spec = SpecRequestMapper.ToSpec(raw, options);
        ContainerSnapshot created;
        try
        {
            created = await containers.CreateAsync(spec, start, cancellationToken);
        }
        catch (ArgumentException e) when (e.ParamName == "spec")
        {
            // The host's own checks (e.g. a runtime this node does not have) are about the request, not a bug.
            throw ApiProblemException.InvalidArgument("runtime", ContainerMapper.RuntimeName(spec.Runtime), e.Message.Split(" (Parameter")[0]);
        }
        if (start && created.State.Status != ContainerStatus.Running && created.State.Error is { } error)
            throw new RuntimeOperationException($"container {created.Name} was created but did not start: {error}");
        return ContainerMapper.ToInfo(created);
    }

    /// <summary>The container addressed by name, id or unique id prefix.</summary>
    public static async Task<ContainerInfo> InspectAsync(IContainerService containers, string nameOrId, CancellationToken cancellationToken) =>
        ContainerMapper.ToInfo(await ContainerResolver.ResolveAsync(containers, nameOrId, cancellationToken));

    /// <summary>Starts it; a start the runtime refused is a runtime error naming why.</summary>
    public static async Task<ContainerInfo> StartAsync(IContainerService containers, string nameOrId, CancellationToken cancellationToken)
    {
        var started = await SendAsync(containers, nameOrId, new ContainerCommand.Start(), cancellationToken);
        return started is { State: not ContainerStates.Running, Error: { } error }
            ? throw new RuntimeOperationException($"container {started.Name} did not start: {error}")
            : started;
    }

    /// <summary>Sends <paramref name="command"/> (stop, restart, kill, pause, unpause, update) and answers the state after it.</summary>
    public static async Task<ContainerInfo> SendAsync(IContainerService containers, string nameOrId, ContainerCommand command,
        CancellationToken cancellationToken)
    {
        var target = await ContainerResolver.ResolveAsync(containers, nameOrId, cancellationToken);
        return ContainerMapper.ToInfo(await containers.SendAsync(target.Id, command, cancellationToken));
    }

    /// <summary>A kill with the signal named by <paramref name="signalText"/> (a name or number); <paramref name="field"/> names where it came from in errors.</summary>
    public static ContainerCommand.Kill Kill(string signalText, string field) =>
        UnixSignal.TryParse(signalText, out var signal, out var error)
            ? new ContainerCommand.Kill(signal.Name)
            : throw ApiProblemException.InvalidArgument(field, signalText, error);

    /// <summary>A stop timeout of <paramref name="seconds"/> (0 to the spec limit), or null for the spec's own.</summary>
    public static TimeSpan? StopTimeout(int? seconds, string field)
    {
        if (seconds is not { } s) return null;
        var max = (int)SpecLimits.MaxStopTimeout.TotalSeconds;
        return s < 0 || s > max
            ? throw ApiProblemException.InvalidArgument(field, s.ToString(System.Globalization.CultureInfo.InvariantCulture), $"must be a whole number of seconds from 0 to {max}")
            : TimeSpan.FromSeconds(s);
    }

    /// <summary>Removes it (<paramref name="force"/> kills a running workload first) and answers its id.</summary>
    public static async Task<string> RemoveAsync(IContainerService containers, string nameOrId, bool force, CancellationToken cancellationToken)
    {
        var target = await ContainerResolver.ResolveAsync(containers, nameOrId, cancellationToken);
        await containers.SendAsync(target.Id, new ContainerCommand.Remove(force), cancellationToken);
        return target.Id;
    }

    /// <summary><c>docker ps</c>: running, paused and restarting ones, or all; filtered; newest first.</summary>
    public static async Task<IReadOnlyList<ContainerSnapshot>> ListAsync(IContainerService containers, bool all, ContainerListFilter filter,
        CancellationToken cancellationToken)
    {
        var listed = await containers.ListAsync(cancellationToken);
        return listed
            .Where(c => all || filter.HasStatus || ContainerListFilter.IsActive(c))
            .Where(filter.Matches)
            .OrderByDescending(c => c.State.CreatedAt)
            .ToList();
    }
}
