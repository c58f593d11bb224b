using System.Text.Json;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using FsCheck;
using FsCheck.Fluent;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;

namespace ActorSupervisor.Containers.Tests.Lifecycle;

/// <summary>
/// Random histories of operators, runtime, health probes, supervisor and clock against one container; the
/// invariants must hold after every step.
/// </summary>
public class ContainerPropertyTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>One step of a history, named so a failing case reads as a script.</summary>
    internal sealed record Step(string Name, Action<ContainerHarness> Run)
    {
        public override string ToString() => Name;
    }

    private static Step Send(string name, Func<ContainerHarness, ContainerCommand> command) => new(name, h => h.Send(command(h)));

    private static readonly Gen<Step> Steps = Gen.Frequency(
        (4, Gen.Constant(Send("start", _ => new Start()))),
        (3, Gen.Constant(Send("stop", _ => new Stop()))),
        (1, Gen.Constant(Send("restart", _ => new Restart()))),
        (1, Gen.Constant(Send("kill", _ => new Kill()))),
        (1, Gen.Constant(Send("kill HUP", _ => new Kill("HUP")))),
        (1, Gen.Constant(Send("pause", _ => new Pause()))),
        (1, Gen.Constant(Send("unpause", _ => new Unpause()))),
        (1, Gen.Constant(Send("runtime paused", _ => new RuntimePaused()))),
        (1, Gen.Constant(Send("runtime resumed", _ => new RuntimeResumed()))),
        (6, Gen.Constant(Send("runtime started", h => new RuntimeStarted(h.NextWorkload(), 100)))),
        (1, Gen.Constant(Send("runtime start failed", _ => new RuntimeStartFailed(127, "not found")))),
        (3, Gen.Elements(0, 1, 137, 143).Select(code => Send($"exit {code}", h => new RuntimeExited(code, false, h.Now)))),
        (1, Gen.Constant(Send("oom", _ => new RuntimeOomKilled()))),
        (3, Gen.Elements(0, 1, 2).Select(code => Send($"probe {code}", _ => new HealthResult(code, "out", Second)))),
        (1, Gen.Constant(Send("probe timeout", _ => new HealthResult(0, "", Second, TimedOut: true)))),
        (5, Gen.Constant(new Step("supervisor decides", h =>
        {
            if (h.State.RestartPending)
            {
                var decision = RestartManager.Decide(h.State.RestartContext(), h.Now, h.Random);
                if (decision.Verdict == RestartVerdict.Restart) h.Send(new ScheduleRestart(decision));
                else if (decision.Verdict == RestartVerdict.GiveUp) h.Send(new GiveUp(decision.Reason));
            }
        }))),
        (4, Gen.Constant(Send("restart due", _ => new RestartDue()))),
        (4, Gen.Elements(1, 5, 15, 90).Select(s => new Step($"wait {s}s", h => h.Advance(TimeSpan.FromSeconds(s))))),
        (1, Gen.Constant(Send("remove", _ => new Remove()))));

    private static readonly Gen<ContainerSpec> Specs =
        from policy in Gen.Elements(RestartPolicy.No, RestartPolicy.Always, RestartPolicy.UnlessStopped, RestartPolicy.OnFailure(), RestartPolicy.OnFailure(2))
        from health in Gen.Elements(true, false)
        from onUnhealthy in Gen.Elements(true, false)
        from intensity in Gen.Elements(true, false)
        from factor in Gen.Elements(0.0, 0.5)
        select ContainerHarness.Spec(policy) with
        {
            HealthCheck = health ? new HealthCheck { Test = CommandLine.Exec("probe"), Retries = 2 } : null,
            RestartOnUnhealthy = health && onUnhealthy ? new UnhealthyRestart(2, Second) : null,
            Intensity = intensity ? new RestartIntensity(3, TimeSpan.FromMinutes(1)) : null,
            Backoff = Backoff.Default with { RandomFactor = factor },
        };

    private static Arbitrary<(ContainerSpec Spec, List<Step> Steps)> Histories(Gen<ContainerSpec> specs) =>
        specs.Zip(Gen.ListOf(Steps).Select(s => s.ToList())).Select(p => (p.Item1, p.Item2)).ToArbitrary();

    /// <summary>Runs the history; <paramref name="invariant"/> is checked after every step.</summary>
    private static bool Holds(ContainerSpec spec, IEnumerable<Step> steps, Func<ContainerHarness, bool> invariant)
    {
        var harness = new ContainerHarness();
        harness.Accept(new Create(spec));
        foreach (var step in steps)
        {
            step.Run(harness);
            if (!invariant(harness))
                return false;
        }
        return true;
    }

    [Fact]
    public void Replaying_the_events_rebuilds_the_same_state() =>
        Prop.ForAll(Histories(Specs), history => Holds(history.Spec, history.Steps, h =>
            ContainerHarness.Json(ContainerState.Replay(h.History)) == ContainerHarness.Json(h.State)))
        .QuickCheckThrowOnFailure();

    [Fact]
    public void State_and_events_survive_a_json_round_trip() =>
        Prop.ForAll(Histories(Specs), history =>
        {
            var harness = new ContainerHarness();
            harness.Accept(new Create(history.Spec));
            history.Steps.ForEach(step => step.Run(harness));
            var json = JsonSerializer.Serialize(harness.State);
            var events = harness.History.Select(e => JsonSerializer.Deserialize<ContainerEvent>(JsonSerializer.Serialize(e))!).ToList();
            return JsonSerializer.Serialize(JsonSerializer.Deserialize<ContainerState>(json)) == json
                && ContainerHarness.Json(ContainerState.Replay(events)) == json;
        })
        .QuickCheckThrowOnFailure();

    // SEMANTICS "manual stop / kill" row: a stop (or a cancelling kill, restart, removal) is never followed
    // by a policy restart until an explicit start.
    [Fact]
    public void A_manually_stopped_container_is_never_restarted_by_the_policy() =>
        Prop.ForAll(Histories(Specs), history =>
        {
            var stopped = false;
            var seen = 0;
            return Holds(history.Spec, history.Steps, h =>
            {
                foreach (var e in h.History.Skip(seen))
                {
                    switch (e)
                    {
                        case ContainerEvent.Stopped or ContainerEvent.Killed { CancelsRestart: true } or ContainerEvent.Destroyed:
                            stopped = true;
                            break;
                        case ContainerEvent.Started { ByPolicy: false }:
                            stopped = false;
                            break;
                        case ContainerEvent.Restarting { ByPolicy: true } or ContainerEvent.Started { ByPolicy: true } when stopped:
                            return false;
                    }
                }
                seen = h.History.Count;
                return !(stopped && h.State.RestartPending);
            });
        })
        .QuickCheckThrowOnFailure();

    // SEMANTICS 1.1: on-failure:N restarts while restartCount < N; only an explicit start resets the count.
    [Fact]
    public void On_failure_N_never_restarts_more_than_N_times_in_a_row() =>
        Prop.ForAll(Histories(Gen.Choose(1, 4).SelectMany(n => Specs.Select(s => s with { Restart = RestartPolicy.OnFailure(n) }))), history =>
        {
            var inARow = 0;
            var seen = 0;
            var max = history.Spec.Restart.MaximumRetryCount;
            return Holds(history.Spec, history.Steps, h =>
            {
                foreach (var e in h.History.Skip(seen))
                {
                    if (e is ContainerEvent.Started { ByPolicy: false }) inARow = 0;
                    if (e is ContainerEvent.Restarting { ByPolicy: true }) inARow++;
                }
                seen = h.History.Count;
                return inARow <= max && h.State.RestartCount <= max;
            });
        })
        .QuickCheckThrowOnFailure();

    // SEMANTICS health rows: healthy needs a passing probe since the last start; probes only while running.
    [Fact]
    public void Health_is_never_healthy_without_a_passing_probe_since_the_start() =>
        Prop.ForAll(Histories(Specs.Select(s => s with { HealthCheck = new HealthCheck { Test = CommandLine.Exec("probe") } })), history =>
        {
            var seen = 0;
            var passed = false;
            var probing = false;
            return Holds(history.Spec, history.Steps, h =>
            {
                foreach (var e in h.History.Skip(seen))
                {
                    switch (e)
                    {
                        case ContainerEvent.Started or ContainerEvent.Unpaused:
                            passed &= e is ContainerEvent.Unpaused;
                            probing = true;
                            break;
                        case ContainerEvent.Paused or ContainerEvent.Died:
                            probing = false;
                            break;
                        case ContainerEvent.HealthProbed probed when !probing:
                            return false;
                        case ContainerEvent.HealthProbed probed:
                            passed |= probed.Result.ExitCode == 0;
                            break;
                    }
                }
                seen = h.History.Count;
                return h.State.Health?.Status != HealthStatus.Healthy || passed;
            });
        })
        .QuickCheckThrowOnFailure();
}
