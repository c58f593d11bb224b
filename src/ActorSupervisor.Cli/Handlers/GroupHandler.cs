using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Commands;
using ActorSupervisor.Cli.Output;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>The real <c>asv group</c> commands.</summary>
internal sealed class GroupHandler(CliEnvironment environment) : HandlerBase(environment), IGroupHandler
{
    public async Task<int> CreateAsync(GlobalSettings settings, GroupCreate create, CancellationToken cancellationToken)
    {
        if ((create.MaxRestarts is null) != (create.Within is null))
            throw new UsageException("--max-restarts and --within go together: more than N group restarts within the window and the group gives up");
        var request = new GroupCreateRequest
        {
            Name = create.Name,
            Strategy = create.Strategy,
            Members = create.Members,
            Intensity = create.MaxRestarts is { } max ? new RawIntensity { MaxRestarts = max, Window = create.Within } : null,
        };
        var created = await Client(settings).CreateGroupAsync(request, cancellationToken);
        var output = Output(settings);
        if (output.IsJson) output.Json(created, ApiJsonContext.Default.GroupInfo);
        else output.Line(created.Name);
        return ExitCodes.Ok;
    }

    public async Task<int> ListAsync(GlobalSettings settings, CancellationToken cancellationToken)
    {
        var groups = await Client(settings).ListGroupsAsync(cancellationToken);
        var output = Output(settings);
        if (output.IsJson)
        {
            output.Json(groups, ApiJsonContext.Default.IReadOnlyListGroupInfo);
            return ExitCodes.Ok;
        }
        var table = PlainTable.Create("NAME", "STRATEGY", "STATUS", "RESTARTS", "MEMBERS");
        foreach (var group in groups)
            PlainTable.AddRow(table, group.Name, group.Strategy, group.Status, group.RestartCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Join(", ", group.Members.Select(m => $"{m.Name} ({m.State})")));
        output.Render(table);
        return ExitCodes.Ok;
    }

    public async Task<int> VerbAsync(GlobalSettings settings, string verb, string name, CancellationToken cancellationToken)
    {
        var client = Client(settings);
        var output = Output(settings);
        if (verb == "rm")
        {
            await client.RemoveGroupAsync(name, cancellationToken);
            output.Line(name);
            return ExitCodes.Ok;
        }
        var group = verb == "inspect" ? await client.InspectGroupAsync(name, cancellationToken) : await client.GroupVerbAsync(name, verb, cancellationToken);
        if (verb == "inspect" || output.IsJson)
        {
            if (output.IsJson || verb == "inspect") output.Json(group, ApiJsonContext.Default.GroupInfo);
            return ExitCodes.Ok;
        }
        output.Line(name);
        foreach (var problem in group.Problems ?? []) output.Line($"warning: {problem}");
        return ExitCodes.Ok;
    }
}
