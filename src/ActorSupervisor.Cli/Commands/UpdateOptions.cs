using System.CommandLine;
using System.CommandLine.Parsing;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Commands;

/// <summary>
/// The flags of <c>update</c>: Docker's <c>--restart</c> and <c>--memory</c>, and the <c>--health-*</c> and
/// <c>--readiness-*</c> flags of <c>run</c> (Docker cannot update those; we can). Each flag given changes that setting; the rest stay.
/// </summary>
internal static class UpdateOptions
{
    public static readonly Option<string?> Restart = new("--restart")
    {
        Description = "New restart policy: no, always, unless-stopped, on-failure[:max-retries] (applies to the next exit)",
    };

    public static readonly Option<string?> Memory = new("--memory", "-m") { Description = "New memory limit, e.g. 64m or 1g (applies to the running workload now)" };

    /// <summary>Every update flag, in help order: the probe flags are run's own (same names, values and checks).</summary>
    public static readonly Option[] All = [Restart, Memory, .. ProbeFlags.Health.All, .. ProbeFlags.Readiness.All];

    static UpdateOptions()
    {
        // Caught before the request, with create's wording; the node checks every value again.
        Restart.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !Values.RestartPolicyText.TryParse(value, out _, out _, out var error)) result.AddError("--restart " + error);
        });
    }

    /// <summary>Adds the flags and the check that at least one is given.</summary>
    public static void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (!All.Any(option => result.GetResult(option) is { Implicit: false }))
                result.AddError("update needs at least one change: --restart, --memory, a --health-* or a --readiness-* flag");
            ProbeFlags.Health.CheckForUpdate(result);
            ProbeFlags.Readiness.CheckForUpdate(result);
        });
    }

    /// <summary>The request body the flags describe; the node checks the values (as it does for create) and names the field it refuses.</summary>
    public static UpdateRequest ToRequest(ParseResult parse)
    {
        return new UpdateRequest
        {
            Restart = parse.GetValue(Restart),
            Memory = parse.GetValue(Memory),
            Healthcheck = ProbeFlags.Health.ForUpdate(parse),
            Readiness = ProbeFlags.Readiness.ForUpdate(parse),
        };
    }
}
