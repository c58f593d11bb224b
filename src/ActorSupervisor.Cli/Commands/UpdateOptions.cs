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

    public static readonly Option<string?> HealthCmd = new("--health-cmd") { Description = "New health check shell command (exit 0 = healthy)" };

    public static readonly Option<string?> HealthHttp = new("--health-http") { Description = "New health check: an HTTP GET from the node (200-399 = healthy)", HelpName = "URL" };

    public static readonly Option<string?> HealthTcp = new("--health-tcp") { Description = "New health check: a TCP connect from the node (open = healthy)", HelpName = "HOST:PORT" };

    public static readonly Option<string?> HealthInterval = new("--health-interval") { Description = "New time between health checks" };

    public static readonly Option<string?> HealthTimeout = new("--health-timeout") { Description = "New time one health check may take" };

    public static readonly Option<int?> HealthRetries = new("--health-retries")
    {
        Description = "New number of consecutive failures that make it unhealthy",
        CustomParser = WholeNumber.AtLeast(0),
    };

    public static readonly Option<string?> HealthStartPeriod = new("--health-start-period") { Description = "New grace period after start when failures do not count" };

    public static readonly Option<string?> HealthStartInterval = new("--health-start-interval") { Description = "New time between checks during the start period" };

    public static readonly Option<bool> NoHealthcheck = new("--no-healthcheck") { Description = "Turn the health check off" };

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
        var test = SpecOptions.ProbeTest(parse.GetValue(HealthCmd), parse.GetValue(HealthHttp), parse.GetValue(HealthTcp));
        RawHealthCheck? health = parse.GetValue(NoHealthcheck)
            ? new RawHealthCheck { Test = [HealthTest.None] }
            : test is not null || tuning
                ? new RawHealthCheck
                {
                    Test = test,
                    Interval = parse.GetValue(HealthInterval),
                    Timeout = parse.GetValue(HealthTimeout),
                    Retries = parse.GetValue(HealthRetries),
                    StartPeriod = parse.GetValue(HealthStartPeriod),
                    StartInterval = parse.GetValue(HealthStartInterval),
                }
                : null;
        return new UpdateRequest { Restart = parse.GetValue(Restart), Memory = parse.GetValue(Memory), Healthcheck = health };
    }
}
