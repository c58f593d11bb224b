using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Apply;
using ActorSupervisor.Cli.Output;
using ActorSupervisor.Cli.Specs;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>The real <c>apply</c>: reads and checks the whole file, plans against the node, prints the plan, then carries it out.</summary>
internal sealed class ApplyHandler(CliEnvironment environment, SpecFileReader specFiles) : HandlerBase(environment), IApplyHandler
{
    public async Task<int> ApplyAsync(GlobalSettings settings, ApplyRequest request, CancellationToken cancellationToken)
    {
        var desired = specFiles.Read(request.File).Select(ApplyPlanner.Mark).ToList();
        var client = Client(settings);
        var output = Output(settings);
        var plan = await PlanAsync(client, request, desired, cancellationToken);
        ApplyPlanView.Plan(output, plan, settings.Node);
        if (request.DryRun)
        {
            if (!output.IsJson) output.Line("Dry run: nothing was changed.");
            return ExitCodes.Ok;
        }
        var byName = desired.ToDictionary(s => s.Name!, StringComparer.Ordinal);
        var failures = 0;
        foreach (var action in plan.Actions.Where(a => a.Action != ApplyActionKinds.Unchanged))
        {
            var ok = await TryAsync($"{action.Action} {action.Name}", async () =>
            {
                await CarryOutAsync(client, action, byName, cancellationToken);
                ApplyPlanView.Done(output, action);
            });
            if (!ok) failures++;
        }
        return failures == 0 ? ExitCodes.Ok : ExitCodes.NodeRefused;
    }

    private static async Task<ApplyPlan> PlanAsync(IActorSupervisorClient client, ApplyRequest request,
        IReadOnlyList<RawContainerSpec> desired, CancellationToken cancellationToken)
    {
        var existing = await client.ListContainersAsync(all: true, cancellationToken: cancellationToken);
        var names = existing.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var current = new Dictionary<string, RawContainerSpec>(StringComparer.Ordinal);
        foreach (var spec in desired.Where(s => names.Contains(s.Name!)))
            current[spec.Name!] = (await client.InspectContainerAsync(spec.Name!, cancellationToken)).Spec;
        var applied = existing.Where(c => c.Labels.ContainsKey(ApplyPlanner.AppliedLabel)).Select(c => c.Name).ToList();
        return ApplyPlanner.Plan(request.File, desired, current, applied, request.Prune);
    }

    private static async Task CarryOutAsync(IActorSupervisorClient client, ApplyAction action,
        IReadOnlyDictionary<string, RawContainerSpec> desired, CancellationToken cancellationToken)
    {
        switch (action.Action)
        {
            case ApplyActionKinds.Create:
                await client.CreateContainerAsync(desired[action.Name], start: true, cancellationToken);
                break;
            case ApplyActionKinds.Update:
                await client.UpdateContainerAsync(action.Name, new UpdateRequest { Restart = desired[action.Name].Restart ?? "no" }, cancellationToken);
                break;
            case ApplyActionKinds.Recreate:
                await client.RemoveContainerAsync(action.Name, force: true, cancellationToken);
                await client.CreateContainerAsync(desired[action.Name], start: true, cancellationToken);
                break;
            case ApplyActionKinds.Remove:
                await client.RemoveContainerAsync(action.Name, force: true, cancellationToken);
                break;
        }
    }
}
