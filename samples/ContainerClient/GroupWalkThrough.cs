using ActorSupervisor.Messages;

namespace ActorSupervisor.Samples.ContainerClient;

/// <summary>
/// The group messages (docs/interop.md): creates containers NAME-a and NAME-b and a one_for_all group NAME of them, is
/// refused a bad strategy, stops and starts the group (members in reverse order, then in order), removes the group
/// and the containers. Prints one line per step.
/// </summary>
internal static class GroupWalkThrough
{
    /// <summary>Runs the walk-through through <paramref name="door"/>; 0 when every step answered as expected.</summary>
    public static async Task<int> RunAsync(Door door, SampleOptions options)
    {
        string[] members = [$"{options.Name}-a", $"{options.Name}-b"];
        // A harmless first question: the door repeats a command nothing answered yet, which a create must not be.
        var absent = await door.AskAsync<CommandFailed>(new GetGroup(options.Name));
        Console.WriteLine($"group {options.Name} before: {absent.Code}");
        foreach (var member in members)
        {
            var spec = $$"""{"name":"{{member}}","cmd":"{{options.Command.Replace("\"", "\\\"", StringComparison.Ordinal)}}","restart":"always"}""";
            await door.AskAsync<ContainerResult>(new CreateContainer(spec, Start: true));
        }

        var bad = await door.AskAsync<CommandFailed>(new CreateGroup(options.Name, members, Strategy: "one_for_some"));
        Console.WriteLine($"bad group: {bad.Code}: {bad.Message}");

        var created = (await door.AskAsync<GroupResult>(new CreateGroup(options.Name, members, "one_for_all", MaxRestarts: 3, Window: "1m"))).Group;
        Console.WriteLine($"group created {Describe(created)}");

        var stopped = (await door.AskAsync<GroupResult>(new StopGroup(options.Name))).Group;
        Console.WriteLine($"group stopped {Describe(stopped)}");

        var started = (await door.AskAsync<GroupResult>(new StartGroup(options.Name))).Group;
        Console.WriteLine($"group started {Describe(started)}");

        var got = (await door.AskAsync<GroupResult>(new GetGroup(options.Name))).Group;
        Console.WriteLine($"group get {Describe(got)}");

        var removed = await door.AskAsync<GroupRemoved>(new RemoveGroup(options.Name));
        Console.WriteLine($"group removed {removed.Name}");

        // A removed group keeps its name (not reused) and says it was removed.
        var gone = (await door.AskAsync<GroupResult>(new GetGroup(options.Name))).Group;
        Console.WriteLine($"group get after remove: {gone.Status}");

        foreach (var member in members)
            await door.AskAsync<ContainerRemoved>(new RemoveContainer(member, Force: true));
        Console.WriteLine("done");
        return 0;
    }

    private static string Describe(GroupView group) =>
        $"{group.Name} {group.Strategy} {group.Status} max-restarts {group.MaxRestarts} window {group.Window}: " +
        string.Join(", ", group.Members.Select(m => $"{m.Name} {m.State}"));
}
