using ActorSupervisor.Cli.Apply;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Tests.Apply;

public sealed class ApplyPlannerTests
{
    private static RawContainerSpec Spec(string name, string? restart = null, string? memory = null) =>
        ApplyPlanner.Mark(new RawContainerSpec { Name = name, Cmd = "sleep 100", Restart = restart, Memory = memory });

    private static RawContainerSpec Unmarked(string? restart = null) => new() { Name = "web", Cmd = "sleep 100", Restart = restart };

    private static RawContainerSpec Backoff(string initial) => ApplyPlanner.Mark(Unmarked() with { Backoff = new RawBackoff { Initial = initial } });

    // What inspect gives back: the labels as created, but no backoff, intensity or restart-on-unhealthy.
    private static RawContainerSpec Echoed(RawContainerSpec created) =>
        created with { Backoff = null, Intensity = null, RestartOnUnhealthy = null, Restart = created.Restart ?? "no" };

    private static ApplyPlan Plan(IReadOnlyList<RawContainerSpec> desired, Dictionary<string, RawContainerSpec> current, string[] applied, bool prune) =>
        ApplyPlanner.Plan("c.json", desired, current, applied, prune);

    [Fact]
    public void Missing_containers_are_created()
    {
        var plan = Plan([Spec("web"), Spec("worker")], new(), [], prune: false);
        Assert.Equal([("create", "web"), ("create", "worker")], plan.Actions.Select(a => (a.Action, a.Name)));
    }

    [Fact]
    public void Equal_specs_are_unchanged_even_when_written_differently()
    {
        var node = new RawContainerSpec
        {
            Name = "web", Cmd = "sleep 100", Runtime = "process", Restart = "no", StopSignal = "SIGTERM", StopTimeout = "10s",
            Labels = new Dictionary<string, string> { [ApplyPlanner.AppliedLabel] = "true" },
        };
        var file = ApplyPlanner.Mark(new RawContainerSpec { Name = "web", Cmd = "sleep 100", StopSignal = "term", StopTimeout = "10000ms" });
        var plan = Plan([file], new() { ["web"] = node }, ["web"], prune: true);
        Assert.True(plan.IsEmpty);
        Assert.Equal(("unchanged", "web"), (plan.Actions[0].Action, plan.Actions[0].Name));
    }

    [Fact]
    public void A_container_the_node_declared_equals_the_same_spec_in_a_file_and_is_not_recreated()
    {
        // Issue 15: `asv apply -f hocon/demo.conf` on the demo node planned to recreate all four for apply's own labels.
        var declared = new RawContainerSpec
        {
            Name = "web", Cmd = "sleep 100", Runtime = "process", Restart = "no", StopSignal = "SIGTERM", StopTimeout = "10s",
            Labels = new Dictionary<string, string> { ["tier"] = "front" },
        };
        var file = ApplyPlanner.Mark(new RawContainerSpec { Name = "web", Cmd = "sleep 100", Labels = new Dictionary<string, string> { ["tier"] = "front" } });
        var plan = Plan([file], new() { ["web"] = declared }, [], prune: true);
        Assert.True(plan.IsEmpty);
        Assert.Equal(("unchanged", "web"), (plan.Actions[0].Action, plan.Actions[0].Name));
    }

    [Fact]
    public void Memory_in_bytes_on_the_node_equals_the_same_size_in_the_file()
    {
        var plan = Plan([Spec("web", memory: "512m")], new() { ["web"] = Spec("web", memory: "536870912") }, [], prune: false);
        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Only_a_restart_change_is_an_update_in_place()
    {
        var plan = Plan([Spec("web", restart: "always")], new() { ["web"] = Spec("web") }, ["web"], prune: false);
        var update = Assert.Single(plan.Actions);
        Assert.Equal("update", update.Action);
        Assert.Equal([new SpecChange("restart", "no", "always")], update.Changes);
    }

    [Fact]
    public void Any_other_change_is_a_recreate_listing_every_difference()
    {
        var plan = Plan([Spec("web", restart: "always", memory: "64m")], new() { ["web"] = Spec("web") }, ["web"], prune: false);
        var recreate = Assert.Single(plan.Actions);
        Assert.Equal("recreate", recreate.Action);
        Assert.Equal([new SpecChange("memory", "(none)", "64MiB"), new SpecChange("restart", "no", "always")], recreate.Changes);
    }

    [Fact]
    public void Prune_removes_only_applied_containers_missing_from_the_file()
    {
        var plan = Plan([Spec("web")], new() { ["web"] = Spec("web") }, ["web", "old-b", "old-a"], prune: true);
        Assert.Equal([("remove", "old-a"), ("remove", "old-b"), ("unchanged", "web")], plan.Actions.Select(a => (a.Action, a.Name)));
    }

    [Fact]
    public void Without_prune_nothing_is_removed()
    {
        var plan = Plan([Spec("web")], new(), ["old"], prune: false);
        Assert.DoesNotContain(plan.Actions, a => a.Action == "remove");
    }

    [Fact]
    public void Mark_adds_the_applied_label_and_the_specs_fingerprint_and_keeps_the_others()
    {
        var spec = new RawContainerSpec { Name = "web", Labels = new Dictionary<string, string> { ["tier"] = "front" } };
        var marked = ApplyPlanner.Mark(spec);
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "front", ["asv.applied"] = "true", ["asv.applied.spec"] = SpecDigest.Of(spec) },
            marked.Labels);
        Assert.Matches("^[0-9a-f]{16}$", marked.Labels!["asv.applied.spec"]);
    }

    [Fact]
    public void Equal_fingerprints_are_unchanged()
    {
        var file = Backoff("100ms");
        var plan = Plan([file], new() { ["web"] = Echoed(file) }, ["web"], prune: false);
        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void A_backoff_only_change_is_a_recreate_saying_why()
    {
        var plan = Plan([Backoff("2s")], new() { ["web"] = Echoed(Backoff("100ms")) }, ["web"], prune: false);
        var recreate = Assert.Single(plan.Actions);
        Assert.Equal("recreate", recreate.Action);
        Assert.Empty(recreate.Changes);
        Assert.Equal("spec changed: backoff or other settings the node does not echo", recreate.Reason);
    }

    [Fact]
    public void Dropping_every_unechoed_setting_is_a_recreate_naming_them_all()
    {
        var plan = Plan([Spec("web")], new() { ["web"] = Echoed(Backoff("100ms")) }, ["web"], prune: false);
        var recreate = Assert.Single(plan.Actions);
        Assert.Equal("recreate", recreate.Action);
        Assert.Equal("spec changed: settings the node does not echo (backoff, intensity, restartOnUnhealthy, healthcheck.exit2MeansStarting), " +
                     "which the file now leaves to the node's defaults", recreate.Reason);
    }

    [Fact]
    public void Restart_and_backoff_changed_together_are_a_recreate_listing_the_restart_and_the_reason()
    {
        var file = ApplyPlanner.Mark(Unmarked(restart: "always") with { Backoff = new RawBackoff { Initial = "2s" } });
        var plan = Plan([file], new() { ["web"] = Echoed(Backoff("100ms")) }, ["web"], prune: false);
        var recreate = Assert.Single(plan.Actions);
        Assert.Equal("recreate", recreate.Action);
        Assert.Equal([new SpecChange("restart", "no", "always")], recreate.Changes);
        Assert.NotNull(recreate.Reason);
    }

    [Fact]
    public void A_restart_only_change_keeps_the_fingerprint_and_updates_in_place()
    {
        var before = Backoff("100ms");
        var after = ApplyPlanner.Mark(Unmarked(restart: "always") with { Backoff = new RawBackoff { Initial = "100ms" } });
        Assert.Equal(before.Labels!["asv.applied.spec"], after.Labels!["asv.applied.spec"]);
        var update = Assert.Single(Plan([after], new() { ["web"] = Echoed(before) }, ["web"], prune: false).Actions);
        Assert.Equal("update", update.Action);
        Assert.Null(update.Reason);
    }

    [Fact]
    public void A_container_without_a_fingerprint_keeps_the_field_comparison()
    {
        var handMade = new RawContainerSpec
        {
            Name = "web", Cmd = "sleep 100", Labels = new Dictionary<string, string> { [ApplyPlanner.AppliedLabel] = "true" },
        };
        Assert.True(Plan([Backoff("2s")], new() { ["web"] = handMade }, ["web"], prune: false).IsEmpty);
        var memory = Assert.Single(Plan([Spec("web", memory: "64m")], new() { ["web"] = handMade }, ["web"], prune: false).Actions);
        Assert.Equal([new SpecChange("memory", "(none)", "64MiB")], memory.Changes);
        Assert.Null(memory.Reason);
    }

    [Fact]
    public void The_fingerprint_ignores_rewrites_that_mean_the_same()
    {
        var written = Unmarked() with { StopTimeout = "10000ms", Backoff = new RawBackoff { Initial = "1000ms", Multiplier = 2 } };
        var canonical = Unmarked() with { StopTimeout = "10s", Backoff = new RawBackoff { Initial = "1s", Multiplier = 2.0 } };
        Assert.Equal(SpecDigest.Of(canonical), SpecDigest.Of(written));
        Assert.NotEqual(SpecDigest.Of(canonical), SpecDigest.Of(canonical with { Intensity = new RawIntensity { MaxRestarts = 3 } }));
        Assert.NotEqual(SpecDigest.Of(canonical), SpecDigest.Of(canonical with { Healthcheck = new RawHealthCheck { Test = ["CMD", "true"], Exit2MeansStarting = true } }));
    }

    [Fact]
    public void Canonical_forms_fill_in_defaults()
    {
        var canonical = SpecCanonicalizer.Canonicalize(new RawContainerSpec
        {
            Name = "web",
            Command = ["echo", "hello world"],
            Healthcheck = new RawHealthCheck { Test = ["CMD-SHELL", "curl -f localhost"] },
        }).ToDictionary(p => p.Field, p => p.Value);
        Assert.Equal("echo \"hello world\"", canonical["command"]);
        Assert.Equal("process", canonical["runtime"]);
        Assert.Equal("10s", canonical["stopTimeout"]);
        Assert.Equal("SIGTERM", canonical["stopSignal"]);
        Assert.Equal("sh -c \"curl -f localhost\" every 30s, timeout 30s, retries 3, start period 0s, start interval 5s", canonical["healthcheck"]);
    }

    [Fact]
    public void Dockers_zero_and_whole_second_forms_equal_their_canonical_values()
    {
        var written = new RawContainerSpec
        {
            Name = "a", Cmd = "x", StopTimeout = "10", Memory = "0",
            Healthcheck = new RawHealthCheck { Test = ["CMD", "true"], Interval = "0s", Timeout = "0" },
        };
        var echoed = new RawContainerSpec
        {
            Name = "a", Cmd = "x", StopTimeout = "10s",
            Healthcheck = new RawHealthCheck { Test = ["CMD", "true"], Interval = "30s", Timeout = "30s", Retries = 3, StartPeriod = "0s", StartInterval = "5s" },
        };
        Assert.Empty(SpecCanonicalizer.Compare(echoed, written));
    }

    // The node echoes a signal by its canonical name and an empty restart policy as no (Docker's readings).
    [Theory]
    [InlineData("15", "SIGTERM", "", "no")]
    [InlineData("SIGIOT", "SIGABRT", "on-failure:0", "on-failure")]
    public void Signal_numbers_aliases_and_policy_spellings_equal_what_the_node_echoes(string signal, string echoedSignal, string restart, string echoedRestart) =>
        Assert.Empty(SpecCanonicalizer.Compare(
            new RawContainerSpec { Name = "a", Cmd = "x", StopSignal = echoedSignal, Restart = echoedRestart },
            new RawContainerSpec { Name = "a", Cmd = "x", StopSignal = signal, Restart = restart }));

    // Issue 15: a size in any unit equals the node's echo; a changed setting is a change (apply recreates); no options
    // and an empty set are one spec, in the digest too.
    [Fact]
    public void Log_options_compare_by_value_and_an_empty_set_equals_none()
    {
        var echoed = new RawContainerSpec { Name = "a", Cmd = "x", LogOptions = new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "3" } };
        var written = echoed with { LogOptions = new Dictionary<string, string> { ["max-file"] = "3", ["max-size"] = "10240k" } };

        Assert.Empty(SpecCanonicalizer.Compare(echoed, written));
        var change = Assert.Single(SpecCanonicalizer.Compare(echoed, echoed with { LogOptions = new Dictionary<string, string> { ["max-file"] = "5" } }));
        Assert.Equal(("logOptions", "max-file=3, max-size=10m", "max-file=5"), (change.Field, change.From, change.To));
        Assert.NotEqual(SpecDigest.Of(echoed with { LogOptions = null }), SpecDigest.Of(echoed));
        Assert.Equal(SpecDigest.Of(echoed with { LogOptions = null }), SpecDigest.Of(echoed with { LogOptions = new Dictionary<string, string>() }));
    }

    [Fact]
    public void A_disabled_health_check_equals_none()
    {
        var none = SpecCanonicalizer.Compare(new RawContainerSpec { Name = "a", Cmd = "x", Healthcheck = new RawHealthCheck { Test = ["NONE"] } },
            new RawContainerSpec { Name = "a", Cmd = "x" });
        Assert.Empty(none);
    }
}
