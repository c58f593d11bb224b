using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Commands;
using ActorSupervisor.Cli.Output;
using ActorSupervisor.Cli.Specs;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Client.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>The real container commands: one API call per container, printed in the chosen format.</summary>
internal sealed class ContainerHandler(CliEnvironment environment, SpecFileReader specFiles) : HandlerBase(environment), IContainerHandler
{
    public async Task<int> RunAsync(GlobalSettings settings, RunRequest request, CancellationToken cancellationToken)
    {
        var specs = request.File is { } file ? specFiles.Read(file) : [CheckFlags(request.Spec!)];
        var client = Client(settings);
        var output = Output(settings);
        var created = new List<ContainerInfo>();
        var failures = 0;
        foreach (var spec in specs)
        {
            var ok = await TryAsync(spec.Name!, async () =>
            {
                var verb = request.Start ? "Starting" : "Creating";
                var info = await output.SpinAsync($"{verb} {spec.Name}...", () => client.CreateContainerAsync(spec, request.Start, cancellationToken));
                created.Add(info);
                if (!output.IsJson) output.Line(info.Id);
            });
            if (!ok) failures++;
        }
        if (output.IsJson) output.Json(created, ApiJsonContext.Default.IReadOnlyListContainerInfo);
        return failures == 0 ? ExitCodes.Ok : ExitCodes.NodeRefused;
    }

    public async Task<int> PsAsync(GlobalSettings settings, PsRequest request, CancellationToken cancellationToken)
    {
        var containers = await Client(settings).ListContainersAsync(request.All, request.Filters, cancellationToken);
        ContainerListView.Write(Output(settings), containers, request.Quiet);
        return ExitCodes.Ok;
    }

    public async Task<int> InspectAsync(GlobalSettings settings, InspectRequest request, CancellationToken cancellationToken)
    {
        var client = Client(settings);
        var found = new List<ContainerInfo>();
        var failures = 0;
        var at = TimeArgument.Normalize(request.At);
        foreach (var name in request.Containers)
        {
            if (!await TryAsync(name, async () => found.Add(at is null
                    ? await client.InspectContainerAsync(name, cancellationToken)
                    : await client.InspectContainerAtAsync(name, at, cancellationToken))))
                failures++;
        }
        if (found.Count > 0 || failures == 0) InspectView.Write(Output(settings), found);
        return failures == 0 ? ExitCodes.Ok : ExitCodes.NodeRefused;
    }

    public async Task<int> LogsAsync(GlobalSettings settings, LogsRequest request, CancellationToken cancellationToken)
    {
        var client = Client(settings);
        var output = Output(settings);
        var query = new LogQuery(request.Tail, TimeArgument.Normalize(request.Since));
        if (!request.Follow)
        {
            foreach (var line in await client.GetLogsAsync(request.Container, query, cancellationToken))
                LogView.Write(output, line, request.Timestamps);
            return ExitCodes.Ok;
        }
        try
        {
            await new LogFollower(client, Environment.Time, Environment.Error)
                .FollowAsync(request.Container, query, line => LogView.Write(output, line, request.Timestamps), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how a user ends "logs -f": a normal end, not a failure.
        }
        return ExitCodes.Ok;
    }

    public async Task<int> HistoryAsync(GlobalSettings settings, HistoryRequest request, CancellationToken cancellationToken)
    {
        var query = new HistoryQuery(request.Limit, TimeArgument.Normalize(request.Since), TimeArgument.Normalize(request.Until));
        var events = await Client(settings).GetHistoryAsync(request.Container, query, cancellationToken);
        EventViews.History(Output(settings), request.Container, events);
        return ExitCodes.Ok;
    }

    public async Task<int> LifecycleAsync(GlobalSettings settings, LifecycleRequest request, CancellationToken cancellationToken)
    {
        var client = Client(settings);
        var output = Output(settings);
        var results = new List<ContainerInfo>();
        var removed = new List<string>();
        var failures = 0;
        foreach (var name in request.Containers)
        {
            var ok = await TryAsync(name, async () =>
            {
                if (request.Verb == LifecycleVerb.Remove)
                {
                    await client.RemoveContainerAsync(name, request.Force, cancellationToken);
                    removed.Add(name);
                }
                else
                {
                    results.Add(await output.SpinAsync($"{request.Verb} {name}...", () => Apply(client, request, name, cancellationToken)));
                }
                if (!output.IsJson) output.Line(name);
            });
            if (!ok) failures++;
        }
        if (output.IsJson && request.Verb == LifecycleVerb.Remove) output.Json(removed, CliJsonContext.Default.IReadOnlyListString);
        else if (output.IsJson) output.Json(results, ApiJsonContext.Default.IReadOnlyListContainerInfo);
        return failures == 0 ? ExitCodes.Ok : ExitCodes.NodeRefused;
    }

    private static Task<ContainerInfo> Apply(IActorSupervisorClient client, LifecycleRequest request, string name, CancellationToken cancellationToken) =>
        request.Verb switch
        {
            LifecycleVerb.Start => client.StartContainerAsync(name, cancellationToken),
            LifecycleVerb.Stop => client.StopContainerAsync(name, request.Timeout, cancellationToken),
            LifecycleVerb.Restart => client.RestartContainerAsync(name, request.Timeout, cancellationToken),
            LifecycleVerb.Kill => client.KillContainerAsync(name, request.Signal, cancellationToken),
            LifecycleVerb.Pause => client.PauseContainerAsync(name, cancellationToken),
            LifecycleVerb.Unpause => client.UnpauseContainerAsync(name, cancellationToken),
            LifecycleVerb.Update => client.UpdateContainerAsync(name, request.Update ?? new UpdateRequest(), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Verb, "remove has no resulting container"),
        };

    private static RawContainerSpec CheckFlags(RawContainerSpec spec)
    {
        var problems = ContainerSpecRules.Validate(spec);
        if (problems.Count == 0) return spec;
        throw new UsageException(string.Join("\n", problems.Select(p => $"{Flag(p.Field, spec)}: {p.Message}")));
    }

    // The rules name spec fields; on the command line the user typed flags.
    private static string Flag(string field, RawContainerSpec spec) => field switch
    {
        "command" => "the command (after the flags, or --cmd)",
        "cmd" => "--cmd",
        "stopTimeout" => "--stop-timeout",
        "stopSignal" => "--stop-signal",
        _ when field.StartsWith("healthcheck.", StringComparison.Ordinal) => ProbeFlags.Health.FlagOf(field["healthcheck.".Length..], spec.Healthcheck?.Test),
        _ when field.StartsWith("readiness.", StringComparison.Ordinal) => ProbeFlags.Readiness.FlagOf(field["readiness.".Length..], spec.Readiness?.Test),
        _ when field.StartsWith("logOptions.", StringComparison.Ordinal) => "--log-opt " + field["logOptions.".Length..],
        _ => "--" + field,
    };
}
