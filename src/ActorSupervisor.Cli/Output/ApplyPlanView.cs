using ActorSupervisor.Cli.Apply;
using Spectre.Console;

namespace ActorSupervisor.Cli.Output;

/// <summary>What <c>apply</c> prints: the plan, then each step's outcome.</summary>
internal static class ApplyPlanView
{
    public static void Plan(CliOutput output, ApplyPlan plan, Uri node)
    {
        if (output.IsJson)
        {
            output.Json(plan, CliJsonContext.Default.ApplyPlan);
            return;
        }
        output.Line($"Plan for {plan.File} on {node}:");
        foreach (var action in plan.Actions)
        {
            if (action.Action == ApplyActionKinds.Unchanged && !output.IsWide) continue;
            var note = action.Action == ApplyActionKinds.Remove ? "   (not in the file)" : "";
            output.Render(new Text($"  {Symbol(action.Action)} {action.Action,-9} {action.Name}{note}", Colour(action.Action)));
            foreach (var change in action.Changes)
                output.Line($"      {change.Field}: {change.From} -> {change.To}");
            if (action.Reason is { } reason) output.Line($"      {reason}");
        }
        output.Line($"{plan.Count(ApplyActionKinds.Create)} to create, {plan.Count(ApplyActionKinds.Update)} to update, " +
                    $"{plan.Count(ApplyActionKinds.Recreate)} to recreate, {plan.Count(ApplyActionKinds.Remove)} to remove, " +
                    $"{plan.Count(ApplyActionKinds.Unchanged)} unchanged.");
    }

    public static void Done(CliOutput output, ApplyAction action)
    {
        if (output.IsJson) return;
        var verb = action.Action switch
        {
            ApplyActionKinds.Create => "created",
            ApplyActionKinds.Update => "updated",
            ApplyActionKinds.Recreate => "recreated",
            _ => "removed",
        };
        output.Line($"{verb} {action.Name}");
    }

    private static string Symbol(string action) => action switch
    {
        ApplyActionKinds.Create => "+",
        ApplyActionKinds.Update => "~",
        ApplyActionKinds.Recreate => "±",
        ApplyActionKinds.Remove => "-",
        _ => "=",
    };

    private static Style Colour(string action) => action switch
    {
        ApplyActionKinds.Create => new Style(Color.Green),
        ApplyActionKinds.Update or ApplyActionKinds.Recreate => new Style(Color.Yellow),
        ApplyActionKinds.Remove => new Style(Color.Red),
        _ => Style.Plain,
    };
}
