using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Parsing;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Api.Mapping;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Node.Hosting;
using ActorSupervisor.Values;
using ApiEvent = ActorSupervisor.Client.Contracts.ContainerEvent;
using DomainEvent = ActorSupervisor.Containers.Domain.Lifecycle.ContainerEvent;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ActorSupervisor.Node.Api.OpenApi;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Node.Api;

/// <summary><c>/api/v1/containers</c>: list, create, inspect, the lifecycle verbs, remove, update and history.</summary>
internal static class ContainerEndpoints
{
    // A container is addressed by name or id: an ambiguous id prefix is 400, an unknown one 404.
    private static readonly int[] NotFound = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound];
    private static readonly int[] NotFoundOrConflict = [.. NotFound, StatusCodes.Status409Conflict];
    private const string StopSeconds = "seconds (0-3600) between the stop signal and SIGKILL; default the spec's stopTimeout";

    /// <summary>Maps the container routes.</summary>
    public static IEndpointRouteBuilder MapContainerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Containers).WithTags("Containers");
        group.MapGet("/", List).WithName("ListContainers")
            .Query("all", JsonSchemaType.Boolean, "every container; default only running, paused and restarting ones (docker ps)")
            .Query("filter", JsonSchemaType.String, "key=value: status, health (starting|healthy|unhealthy|none), label (key or key=value), name (contains), id (prefix); same key = OR, different keys = AND", repeatable: true)
            .Errors(StatusCodes.Status400BadRequest);
        group.MapPost("/", Create).WithName("CreateContainer").Accepts<RawContainerSpec>("application/json")
            .Query("start", JsonSchemaType.Boolean, "also start it (docker run -d)")
            .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{nameOrId}", Inspect).WithName("InspectContainer")
            .Query("at", JsonSchemaType.String, "the container as it was at a past instant (an RFC 3339 time or a duration ago, 10m), rebuilt from its events; default now")
            .Errors(NotFound);
        group.MapDelete("/{nameOrId}", Remove).WithName("RemoveContainer")
            .Query("force", JsonSchemaType.Boolean, "kill a running workload first")
            .Errors(NotFoundOrConflict);
        group.MapPost("/{nameOrId}/start", Start).WithName("StartContainer").Errors(NotFoundOrConflict);
        group.MapPost("/{nameOrId}/stop", Stop).WithName("StopContainer").Query("t", JsonSchemaType.Integer, StopSeconds).Errors(NotFound);
        group.MapPost("/{nameOrId}/restart", Restart).WithName("RestartContainer").Query("t", JsonSchemaType.Integer, StopSeconds).Errors(NotFound);
        group.MapPost("/{nameOrId}/kill", Kill).WithName("KillContainer")
            .Query("signal", JsonSchemaType.String, "a signal name (SIGTERM, TERM) or number 1-64; default SIGKILL")
            .Errors(NotFoundOrConflict);
        group.MapPost("/{nameOrId}/pause", Pause).WithName("PauseContainer").Errors(NotFoundOrConflict);
        group.MapPost("/{nameOrId}/unpause", Unpause).WithName("UnpauseContainer").Errors(NotFoundOrConflict);
        group.MapPost("/{nameOrId}/update", Update).WithName("UpdateContainer").Accepts<UpdateRequest>("application/json")
            .Errors([.. NotFound, StatusCodes.Status413PayloadTooLarge]);
        group.MapGet("/{nameOrId}/history", History).WithName("ContainerHistory")
            .Query("limit", JsonSchemaType.Integer, "only the last N events (at least 1); default all")
            .Query("since", JsonSchemaType.String, "only events at or after an RFC 3339 time or a duration ago (10m)")
            .Query("until", JsonSchemaType.String, "only events at or before an RFC 3339 time or a duration ago")
            .Errors(NotFound);
        return app;
    }

    /// <summary><c>docker ps</c>: running, paused and restarting ones, or all; filtered; newest first.</summary>
    public static async Task<Ok<IReadOnlyList<ContainerSummary>>> List(HttpRequest request, IContainerService containers, CancellationToken cancellationToken)
    {
        var listed = await ContainerOperations.ListAsync(containers, QueryReader.Flag(request, "all", false),
            ContainerListFilter.Parse(request.Query["filter"]), cancellationToken);
        IReadOnlyList<ContainerSummary> result = listed.Select(ContainerMapper.ToSummary).ToList();
        return TypedResults.Ok(result);
    }

    /// <summary>Creates a container, and starts it with <c>start=true</c> (<c>docker run -d</c>).</summary>
    public static async Task<Created<ContainerInfo>> Create(HttpRequest request, IContainerService containers, IOptions<NodeOptions> options,
        CancellationToken cancellationToken)
    {
        var start = QueryReader.Flag(request, "start", false);
        var raw = await JsonBody.ReadAsync(request, ApiJsonContext.Default.RawContainerSpec, options.Value.Api.MaxBodyBytes, cancellationToken);
        var created = await ContainerOperations.CreateAsync(containers, raw, start, options.Value, cancellationToken);
        return TypedResults.Created(ApiRoutes.Container(created.Name), created);
    }

    /// <summary>The container's spec and state; <c>at</c> rebuilds them as they were at a past instant.</summary>
    public static async Task<Ok<ContainerInfo>> Inspect(string nameOrId, HttpRequest request, IContainerService containers, NodeJournal journal,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var at = QueryReader.Time(request, "at", time.GetUtcNow());
        var container = await ContainerResolver.ResolveAsync(containers, nameOrId, cancellationToken);
        return TypedResults.Ok(ContainerMapper.ToInfo(at is { } past ? await ContainerPast.AtAsync(container, past, journal, cancellationToken) : container));
    }

    /// <summary>Starts it; resets the restart count and the manual-stop flag.</summary>
    public static async Task<Ok<ContainerInfo>> Start(string nameOrId, IContainerService containers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ContainerOperations.StartAsync(containers, nameOrId, cancellationToken));

    /// <summary>Stops it: the stop signal, then SIGKILL after <c>t</c> seconds.</summary>
    public static Task<Ok<ContainerInfo>> Stop(string nameOrId, HttpRequest request, IContainerService containers, CancellationToken cancellationToken) =>
        SendAsync(containers, nameOrId, new ContainerCommand.Stop(Timeout(request)), cancellationToken);

    /// <summary>Stops it (as stop) and starts it again.</summary>
    public static Task<Ok<ContainerInfo>> Restart(string nameOrId, HttpRequest request, IContainerService containers, CancellationToken cancellationToken) =>
        SendAsync(containers, nameOrId, new ContainerCommand.Restart(Timeout(request)), cancellationToken);

    /// <summary>Sends a signal (default SIGKILL).</summary>
    public static Task<Ok<ContainerInfo>> Kill(string nameOrId, HttpRequest request, IContainerService containers, CancellationToken cancellationToken) =>
        SendAsync(containers, nameOrId, ContainerOperations.Kill(QueryReader.Single(request, "signal") ?? "SIGKILL", "query.signal"), cancellationToken);

    /// <summary>Freezes the workload.</summary>
    public static Task<Ok<ContainerInfo>> Pause(string nameOrId, IContainerService containers, CancellationToken cancellationToken) =>
        SendAsync(containers, nameOrId, new ContainerCommand.Pause(), cancellationToken);

    /// <summary>Thaws the workload.</summary>
    public static Task<Ok<ContainerInfo>> Unpause(string nameOrId, IContainerService containers, CancellationToken cancellationToken) =>
        SendAsync(containers, nameOrId, new ContainerCommand.Unpause(), cancellationToken);

    /// <summary>
    /// Docker's <c>update</c>: the restart policy (next exit), the memory limit (now, on the running workload) and the
    /// health check (from the next probe). Bad input is 400 naming the field, and changes nothing.
    /// </summary>
    public static async Task<Ok<ContainerInfo>> Update(string nameOrId, HttpRequest request, IContainerService containers, IOptions<NodeOptions> options,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.UpdateRequest, options.Value.Api.MaxBodyBytes, cancellationToken);
        var (update, errors) = ContainerSpecParser.ParseUpdate(body.Restart, body.Memory, body.Healthcheck, body.Readiness);
        if (update is null)
            throw SpecRequestMapper.Invalid("update", errors);
        var target = await ContainerResolver.ResolveAsync(containers, nameOrId, cancellationToken);
        if (target.State.Spec is { } spec && SpecUpdateRules.Validate(spec, update) is { Count: > 0 } problems)
            throw SpecRequestMapper.Invalid("update", problems);
        return TypedResults.Ok(ContainerMapper.ToInfo(await containers.SendAsync(target.Id, update, cancellationToken)));
    }

    /// <summary>Removes it; <c>force=true</c> kills a running workload first.</summary>
    public static async Task<NoContent> Remove(string nameOrId, HttpRequest request, IContainerService containers, CancellationToken cancellationToken)
    {
        await ContainerOperations.RemoveAsync(containers, nameOrId, QueryReader.Flag(request, "force", false), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The container's events, oldest first, each with why it happened; <c>since</c>/<c>until</c> bound their time, <c>limit</c> keeps the last N.</summary>
    public static async Task<Ok<IReadOnlyList<ApiEvent>>> History(string nameOrId, HttpRequest request, IContainerService containers,
        NodeJournal journal, TimeProvider time, CancellationToken cancellationToken)
    {
        var limit = QueryReader.Int(request, "limit", 1, int.MaxValue);
        var now = time.GetUtcNow();
        var (since, until) = (QueryReader.Time(request, "since", now), QueryReader.Time(request, "until", now));
        var target = await ContainerResolver.ResolveAsync(containers, nameOrId, cancellationToken);
        var narrator = new EventNarrator();
        var events = new List<ApiEvent>();
        // Read from the journal rather than IContainerService.HistoryAsync: the contract's events carry their global offset.
        await foreach (var envelope in journal.ReadContainerAsync(target.Id, cancellationToken))
        {
            // Every event goes through the narrator (its sentences read what came before); the window picks which are told.
            if (envelope.Event is DomainEvent e && narrator.Narrate(target.Id, target.Name, envelope.SequenceNr, envelope.Offset, e) is { } narrated
                && ContainerPast.Within(e, since, until))
                events.Add(narrated);
        }
        IReadOnlyList<ApiEvent> result = limit is { } last ? events.TakeLast(last).ToList() : events;
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<ContainerInfo>> SendAsync(IContainerService containers, string nameOrId, ContainerCommand command,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await ContainerOperations.SendAsync(containers, nameOrId, command, cancellationToken));

    private static TimeSpan? Timeout(HttpRequest request) =>
        QueryReader.Int(request, "t", 0, (int)ActorSupervisor.Values.SpecLimits.MaxStopTimeout.TotalSeconds) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
}
