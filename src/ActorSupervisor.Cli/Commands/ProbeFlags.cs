using System.CommandLine;
using System.CommandLine.Parsing;
using ActorSupervisor.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Commands;

/// <summary>
/// The flags of one probe, Docker's <c>--health-*</c> set: a probe (<c>-cmd</c>, <c>-http</c>, <c>-tcp</c>), its timings
/// (<c>-interval</c>, <c>-timeout</c>, <c>-retries</c>, <c>-start-period</c>, <c>-start-interval</c>) and a flag that turns it
/// off. The health check (<c>--health-*</c>) and the readiness probe (<c>--readiness-*</c>) are two sets of one kind,
/// so that both read, check and build a <see cref="RawHealthCheck"/> by the same rules; run and update share them.
/// </summary>
internal sealed class ProbeFlags
{
    /// <summary>The health check's flags, Docker's names.</summary>
    public static readonly ProbeFlags Health = new("health", "health check", "healthy", "unhealthy", "--no-healthcheck", "Disable any health check");

    /// <summary>The readiness probe's flags (Kubernetes' readinessProbe): reported, gates nothing.</summary>
    public static readonly ProbeFlags Readiness = new("readiness", "readiness probe", "ready", "not ready", "--no-readiness", "Remove the readiness probe");

    private readonly string _prefix;
    private readonly string _what;

    private ProbeFlags(string prefix, string what, string passed, string failed, string disable, string disableHelp)
    {
        _prefix = prefix;
        _what = what;
        Cmd = new("--" + prefix + "-cmd") { Description = $"{Capital(what)} shell command (exit 0 = {passed})" };
        Http = new("--" + prefix + "-http")
        {
            Description = $"{Capital(what)} by an HTTP GET from the node (200-399 = {passed}), e.g. http://127.0.0.1:8080/{(prefix == "health" ? "healthz" : "ready")}",
            HelpName = "URL",
        };
        Tcp = new("--" + prefix + "-tcp") { Description = $"{Capital(what)} by a TCP connect from the node (open = {passed}), e.g. 127.0.0.1:5432", HelpName = "HOST:PORT" };
        Interval = new("--" + prefix + "-interval") { Description = $"Time between {what}s (default 30s)" };
        Timeout = new("--" + prefix + "-timeout") { Description = $"Time one {what} may take (default 30s)" };
        Retries = new("--" + prefix + "-retries") { Description = $"Consecutive failures that make it {failed} (default 3)", CustomParser = WholeNumber.AtLeast(0) };
        StartPeriod = new("--" + prefix + "-start-period") { Description = "Grace period after start when failures do not count (default 0s)" };
        StartInterval = new("--" + prefix + "-start-interval") { Description = "Time between checks during the start period (default 5s)" };
        Disable = new(disable) { Description = disableHelp };
        foreach (var duration in new[] { Interval, Timeout, StartPeriod, StartInterval })
            duration.Validators.Add(result =>
            {
                var value = result.GetValueOrDefault<string?>();
                if (value is not null && !GoDuration.TryParseNonNegative(value, out _, out var error)) result.AddError($"{result.Option.Name} {error}");
            });
    }

    /// <summary><c>--PREFIX-cmd</c>: a shell probe.</summary>
    public Option<string?> Cmd { get; }

    /// <summary><c>--PREFIX-http</c>: an HTTP GET probe.</summary>
    public Option<string?> Http { get; }

    /// <summary><c>--PREFIX-tcp</c>: a TCP connect probe.</summary>
    public Option<string?> Tcp { get; }

    /// <summary><c>--PREFIX-interval</c>.</summary>
    public Option<string?> Interval { get; }

    /// <summary><c>--PREFIX-timeout</c>.</summary>
    public Option<string?> Timeout { get; }

    /// <summary><c>--PREFIX-retries</c>.</summary>
    public Option<int?> Retries { get; }

    /// <summary><c>--PREFIX-start-period</c>.</summary>
    public Option<string?> StartPeriod { get; }

    /// <summary><c>--PREFIX-start-interval</c>.</summary>
    public Option<string?> StartInterval { get; }

    /// <summary>Turns the probe off (<c>--no-healthcheck</c>, <c>--no-readiness</c>).</summary>
    public Option<bool> Disable { get; }

    /// <summary>Every flag of the set, in help order.</summary>
    public Option[] All => [Cmd, Http, Tcp, Interval, Timeout, Retries, StartPeriod, StartInterval, Disable];

    private Option[] Tuning => [Interval, Timeout, Retries, StartPeriod, StartInterval];

    private Option<string?>[] Probes => [Cmd, Http, Tcp];

    /// <summary>The test the probe flag gives, if one was (the combination check allows one).</summary>
    public IReadOnlyList<string>? Test(ParseResult parse) => (parse.GetValue(Cmd), parse.GetValue(Http), parse.GetValue(Tcp)) switch
    {
        ({ } given, _, _) => [HealthTest.CmdShell, given],
        (_, { } given, _) => [HealthTest.Http, given],
        (_, _, { } given) => [HealthTest.Tcp, given],
        _ => null,
    };

    /// <summary>The check of <paramref name="test"/> (null keeps the current probe, for update) with the timings given.</summary>
    public RawHealthCheck CheckOf(ParseResult parse, IReadOnlyList<string>? test) => new()
    {
        Test = test,
        Interval = parse.GetValue(Interval),
        Timeout = parse.GetValue(Timeout),
        Retries = parse.GetValue(Retries),
        StartPeriod = parse.GetValue(StartPeriod),
        StartInterval = parse.GetValue(StartInterval),
    };

    /// <summary>For run and create: the check the flags describe, <c>NONE</c> when turned off, or null when none was given.</summary>
    public RawHealthCheck? ForSpec(ParseResult parse)
    {
        if (parse.GetValue(Disable)) return new RawHealthCheck { Test = [HealthTest.None] };
        return Test(parse) is { } test ? CheckOf(parse, test) : null;
    }

    /// <summary>For update: the change the flags describe (a probe, timings or both; <c>NONE</c> to turn it off), or null for none.</summary>
    public RawHealthCheck? ForUpdate(ParseResult parse)
    {
        if (parse.GetValue(Disable)) return new RawHealthCheck { Test = [HealthTest.None] };
        var test = Test(parse);
        return test is not null || Tuning.Any(option => parse.GetResult(option) is not null) ? CheckOf(parse, test) : null;
    }

    /// <summary>For run and create: timings need a probe, one probe at most, and turning it off takes no probe.</summary>
    public void CheckForSpec(CommandResult result)
    {
        var probes = GivenProbes(result);
        if (probes.Count == 0 && Tuning.Any(option => result.GetResult(option) is not null))
            result.AddError($"the --{_prefix}-* timings need a probe: {Cmd.Name}, {Http.Name} or {Tcp.Name}");
        CheckOneProbe(result, probes);
        if (result.GetResult(Disable) is not null && probes.Count > 0)
            result.AddError($"{Disable.Name} and {probes[0]} contradict each other; keep one");
    }

    /// <summary>For update: timings alone change the current probe; turning it off takes neither a probe nor timings.</summary>
    public void CheckForUpdate(CommandResult result)
    {
        var probes = GivenProbes(result);
        if (result.GetResult(Disable) is not null && (probes.Count > 0 || Tuning.Any(o => result.GetResult(o) is not null)))
            result.AddError($"{Disable.Name} turns the {_what} off; give it without a probe and the --{_prefix}-* timings");
        CheckOneProbe(result, probes);
    }

    /// <summary>The flag a spec field under this probe (<c>healthcheck.interval</c>, <c>readiness.test</c>) was typed as.</summary>
    public string FlagOf(string subField, IReadOnlyList<string>? test) => subField switch
    {
        "test" => test?.FirstOrDefault() switch
        {
            HealthTest.Http => Http.Name,
            HealthTest.Tcp => Tcp.Name,
            _ => Cmd.Name,
        },
        _ => $"--{_prefix}-" + string.Concat(subField.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString())),
    };

    private List<string> GivenProbes(CommandResult result) =>
        Probes.Where(option => result.GetResult(option) is not null).Select(option => option.Name).ToList();

    private void CheckOneProbe(CommandResult result, List<string> probes)
    {
        if (probes.Count > 1)
            result.AddError($"{string.Join(" and ", probes)} are each a {_what}; a container has one");
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
