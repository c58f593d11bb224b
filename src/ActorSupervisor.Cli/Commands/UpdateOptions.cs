using System.CommandLine;
using System.CommandLine.Parsing;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Commands;

/// <summary>
/// The flags of <c>update</c>: Docker's <c>--restart</c> and <c>--memory</c>, and the <c>--health-*</c> flags of
/// <c>run</c> (Docker cannot update those; we can). Each flag given changes that setting; the rest stay.
/// </summary>
internal static class UpdateOptions
{
    public static readonly Option<string?> Restart = new("--restart")
    {
        Description = "New restart policy: no, always, unless-stopped, on-failure[:max-retries] (applies to the next exit)",
    };

    public static readonly Option<string?> Memory = new("--memory", "-m") { Description = "New memory limit, e.g. 64m or 1g (applies to the running workload now)" };

    // The health flags are run's own (same names, values and checks): update changes what run set.
    private static Option<string?> HealthCmd => SpecOptions.HealthCmd;

    private static Option<string?> HealthHttp => SpecOptions.HealthHttp;

    private static Option<string?> HealthTcp => SpecOptions.HealthTcp;

    private static Option<string?> HealthInterval => SpecOptions.HealthInterval;

    private static Option<string?> HealthTimeout => SpecOptions.HealthTimeout;

    private static Option<int?> HealthRetries => SpecOptions.HealthRetries;

    private static Option<string?> HealthStartPeriod => SpecOptions.HealthStartPeriod;

    private static Option<string?> HealthStartInterval => SpecOptions.HealthStartInterval;

    private static Option<bool> NoHealthcheck => SpecOptions.NoHealthcheck;

    /// <summary>Every update flag, in help order.</summary>
    public static readonly Option[] All =
        [Restart, Memory, HealthCmd, HealthHttp, HealthTcp, HealthInterval, HealthTimeout, HealthRetries, HealthStartPeriod, HealthStartInterval, NoHealthcheck];

    private static readonly Option[] HealthTuning = [HealthInterval, HealthTimeout, HealthRetries, HealthStartPeriod, HealthStartInterval];

    private static readonly Option<string?>[] Probes = [HealthCmd, HealthHttp, HealthTcp];

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
                result.AddError("update needs at least one change: --restart, --memory or a --health-* flag");
            var probes = Probes.Where(o => result.GetResult(o) is not null).Select(o => o.Name).ToList();
            if (result.GetResult(NoHealthcheck) is not null && (probes.Count > 0 || HealthTuning.Any(o => result.GetResult(o) is not null)))
                result.AddError("--no-healthcheck turns the check off; give it without a probe and the --health-* timings");
            if (probes.Count > 1)
                result.AddError($"{string.Join(" and ", probes)} are each a health check; a container has one");
        });
    }

    /// <summary>The request body the flags describe; the node checks the values (as it does for create) and names the field it refuses.</summary>
    public static UpdateRequest ToRequest(ParseResult parse)
    {
        var tuning = HealthTuning.Any(option => parse.GetResult(option) is not null);
        var test = SpecOptions.ProbeTest(parse);
        RawHealthCheck? health = parse.GetValue(NoHealthcheck)
            ? new RawHealthCheck { Test = [HealthTest.None] }
            : test is not null || tuning ? SpecOptions.HealthCheckOf(parse, test) : null;
        return new UpdateRequest { Restart = parse.GetValue(Restart), Memory = parse.GetValue(Memory), Healthcheck = health };
    }
}
