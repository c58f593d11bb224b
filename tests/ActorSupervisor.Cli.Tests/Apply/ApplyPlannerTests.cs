using ActorSupervisor.Cli.Apply;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Tests.Apply;

public sealed class ApplyPlannerTests
{
    private static RawContainerSpec Spec(string name, string? restart = null, string? memory = null) =>
        ApplyPlanner.Mark(new RawContainerSpec { Name = name, Cmd = "sleep 100", Restart = restart, Memory = memory });

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
    public void Mark_adds_the_applied_label_and_keeps_the_others()
    {
        var marked = ApplyPlanner.Mark(new RawContainerSpec { Name = "web", Labels = new Dictionary<string, string> { ["tier"] = "front" } });
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "front", ["asv.applied"] = "true" }, marked.Labels);
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

    [Fact]
    public void A_disabled_health_check_equals_none()
    {
        var none = SpecCanonicalizer.Compare(new RawContainerSpec { Name = "a", Cmd = "x", Healthcheck = new RawHealthCheck { Test = ["NONE"] } },
            new RawContainerSpec { Name = "a", Cmd = "x" });
        Assert.Empty(none);
    }
}
