using System.Collections.Concurrent;
using System.Diagnostics;
using ActorSupervisor.Supervision.Scheduling;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorSupervisor.Supervision.Tests.Scheduling;

/// <summary>Timing tests measure wall-clock lateness, so they must not share the CPU with the rest of the assembly.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SchedulerTimingCollection
{
    public const string Name = "scheduler timing";
}

[Collection(SchedulerTimingCollection.Name)]
public sealed class DeadlineSchedulerTests(ITestOutputHelper output) : IDisposable
{
    private readonly DeadlineScheduler _scheduler = new(ConfigurationFactory.Empty, NoLogger.Instance);

    private IActionScheduler Actions => _scheduler;

    public void Dispose() => _scheduler.Dispose();

    [Fact]
    public async Task Timers_with_different_deadlines_fire_in_deadline_order_whatever_the_order_they_were_added()
    {
        const int count = 200;
        // The scheduler stamps each deadline inside the call, so it lies in [before + delay, after + delay]; the
        // bracket keeps the check honest when the test thread is preempted between two calls.
        var earliest = new long[count];
        var latest = new long[count];
        var fired = new ConcurrentQueue<int>();
        var done = new TaskCompletionSource();
        for (var i = 0; i < count; i++)
        {
            var index = i;
            var delay = TimeSpan.FromMilliseconds((i * 37) % count); // 0..199 ms, shuffled
            var before = Stopwatch.GetTimestamp();
            Actions.ScheduleOnce(delay, () =>
            {
                fired.Enqueue(index);
                if (fired.Count == count)
                    done.TrySetResult();
            });
            earliest[i] = before + (long)(delay.TotalSeconds * Stopwatch.Frequency);
            latest[i] = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var order = fired.ToArray();
        var maxEarliestSoFar = long.MinValue;
        foreach (var index in order)
        {
            maxEarliestSoFar = Math.Max(maxEarliestSoFar, earliest[index]);
            Assert.True(latest[index] >= maxEarliestSoFar, $"timer {index} fired after one with a later deadline");
        }
        Assert.Equal(count, order.Distinct().Count());
    }

    [Fact]
    public async Task Timers_added_concurrently_from_many_threads_all_fire_once()
    {
        var count = 0;
        const int threads = 8, perThread = 500;
        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
                Actions.ScheduleOnce(TimeSpan.FromMilliseconds(i % 50), () => Interlocked.Increment(ref count));
        })));

        await Eventually(() => Volatile.Read(ref count) == threads * perThread, "all timers fired");
        await Task.Delay(100);
        Assert.Equal(threads * perThread, Volatile.Read(ref count));
    }

    [Fact]
    public async Task A_cancelled_timer_does_not_fire_and_a_cancelled_repeat_stops()
    {
        var once = new Cancelable(Actions);
        var onceFired = false;
        Actions.ScheduleOnce(TimeSpan.FromMilliseconds(50), () => onceFired = true, once);
        var repeat = new Cancelable(Actions);
        var repeats = 0;
        Actions.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(10), () => Interlocked.Increment(ref repeats), repeat);

        once.Cancel();
        await Eventually(() => Volatile.Read(ref repeats) >= 3, "repeat ran a few times");
        repeat.Cancel();
        var afterCancel = Volatile.Read(ref repeats);
        await Task.Delay(150);

        Assert.False(onceFired);
        Assert.InRange(Volatile.Read(ref repeats), afterCancel, afterCancel + 1); // one may have been running
    }

    [Fact]
    public async Task Cancelled_far_future_timers_are_swept_instead_of_piling_up()
    {
        for (var i = 0; i < 10_000; i++)
        {
            var cancelable = new Cancelable(Actions);
            Actions.ScheduleOnce(TimeSpan.FromHours(1), () => { }, cancelable);
            cancelable.Cancel();
        }

        Assert.InRange(_scheduler.QueuedCount, 0, 1024);
        await Eventually(() => _scheduler.IsSleeping, "thread back asleep");
        var wakes = _scheduler.WakeCount;
        await Task.Delay(300);
        Assert.Equal(wakes, _scheduler.WakeCount);
    }

    [Theory]
    [InlineData(1000, 100, 1003, 1100)] // ran 3 late: the next run keeps its slot, lateness does not add up
    [InlineData(1000, 100, 1099, 1100)]
    [InlineData(1000, 100, 1100, 1200)] // a whole period missed: skipped, no catch-up burst
    [InlineData(1000, 100, 1350, 1450)]
    [InlineData(1000, 100, 980, 1080)] // run 20 early to share a wake-up: the period restarts there, never stretches
    public void A_repeat_keeps_a_fixed_rate_and_skips_missed_periods(long deadline, long interval, long now, long next) =>
        Assert.Equal(next, DeadlineScheduler.NextDeadline(deadline, interval, now));

    [Fact]
    public async Task A_repeated_timer_runs_at_its_interval()
    {
        Actions.ScheduleOnce(TimeSpan.Zero, () => { }); // start the thread and JIT the loop before timing
        await Eventually(() => _scheduler.QueuedCount == 0, "warm-up ran");
        var times = new ConcurrentQueue<long>();
        var start = Stopwatch.GetTimestamp();
        var cancelable = new Cancelable(Actions);
        Actions.ScheduleRepeatedly(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20),
            () => times.Enqueue(Stopwatch.GetTimestamp()), cancelable);

        await Eventually(() => times.Count >= 25, "25 repeats");
        cancelable.Cancel();

        // Due at 25 x 20 ms; Akka's own scheduler reschedules from the late run and so drifts by every lateness.
        var runs = times.Take(25).Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds).ToArray();
        output.WriteLine($"runs of a 20 ms repeat at (ms): {string.Join(" ", runs.Select(ms => ms.ToString("F1")))}");
        Assert.InRange(runs[^1], 500, 1000);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(45)] // nearly half a period apart: the most two phases of one period can be apart one way round
    public async Task Repeats_of_one_period_fall_into_step_and_share_wake_ups(int apartMs)
    {
        Actions.ScheduleOnce(TimeSpan.Zero, () => { }); // start the thread
        await Eventually(() => _scheduler.QueuedCount == 0 && _scheduler.IsSleeping, "thread started");
        var wakes = _scheduler.WakeCount;
        int first = 0, second = 0;
        var cancelable = new Cancelable(Actions);
        // Without sharing, 2 wake-ups per period.
        Actions.ScheduleRepeatedly(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), () => Interlocked.Increment(ref first), cancelable);
        Actions.ScheduleRepeatedly(TimeSpan.FromMilliseconds(100 + apartMs), TimeSpan.FromMilliseconds(100), () => Interlocked.Increment(ref second), cancelable);

        await Eventually(() => Volatile.Read(ref first) >= 10 && Volatile.Read(ref second) >= 10, "10 runs of each");
        var used = _scheduler.WakeCount - wakes;
        cancelable.Cancel();

        output.WriteLine($"{first} + {second} runs of two 100 ms repeats took {used} wake-ups");
        Assert.InRange(used, 1, Math.Max(first, second) + 2); // one per period (and one more at the start), not one per run
    }

    [Fact]
    public void A_repeat_may_run_at_most_half_of_its_interval_early_and_never_more_than_MaxEarly()
    {
        var second = Timestamps.FromTimeSpan(TimeSpan.FromSeconds(1));
        Assert.Equal(second / 2, DeadlineScheduler.EarlyAllowance(second));
        Assert.Equal(Timestamps.FromTimeSpan(DeadlineScheduler.MaxEarly), DeadlineScheduler.EarlyAllowance(second * 120));
    }

    [Fact]
    public async Task A_timer_earlier_than_the_one_being_slept_on_wakes_the_thread()
    {
        Actions.ScheduleOnce(TimeSpan.FromSeconds(30), () => { });
        await Eventually(() => _scheduler.IsSleeping, "thread sleeping until +30 s");

        var start = Stopwatch.GetTimestamp();
        var fired = new TaskCompletionSource<TimeSpan>();
        Actions.ScheduleOnce(TimeSpan.FromMilliseconds(50), () => fired.TrySetResult(Stopwatch.GetElapsedTime(start)));

        var after = await fired.Task.WaitAsync(TimeSpan.FromSeconds(5));
        output.WriteLine($"50 ms timer added under a 30 s one fired after {after.TotalMilliseconds:F2} ms");
        Assert.InRange(after.TotalMilliseconds, 50, 1000); // far from 30 s; the upper bound only allows for CI load
    }

    [Fact]
    public async Task A_later_timer_does_not_wake_the_thread_before_it_is_due()
    {
        Actions.ScheduleOnce(TimeSpan.FromMilliseconds(1), () => { });
        await Eventually(() => _scheduler.QueuedCount == 0 && _scheduler.IsSleeping, "first timer ran");

        var wakes = _scheduler.WakeCount;
        for (var i = 0; i < 100; i++)
            Actions.ScheduleOnce(TimeSpan.FromMinutes(10 + i), () => { });
        await Task.Delay(300);

        Assert.Equal(wakes + 1, _scheduler.WakeCount); // only the first (earliest) one re-arms the wait
    }

    [Fact]
    public async Task With_no_timers_due_the_scheduler_thread_never_wakes()
    {
        Actions.ScheduleOnce(TimeSpan.Zero, () => { }); // starts the thread
        await Eventually(() => _scheduler.QueuedCount == 0 && _scheduler.IsSleeping, "startup timer ran");

        var wakes = _scheduler.WakeCount;
        await Task.Delay(300);

        Assert.Equal(wakes, _scheduler.WakeCount);
    }

    [Fact]
    public async Task Single_100ms_timers_fire_within_a_few_milliseconds_of_their_deadline()
    {
        var lateness = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var fired = new TaskCompletionSource<long>();
            var start = Stopwatch.GetTimestamp();
            Actions.ScheduleOnce(TimeSpan.FromMilliseconds(100), () => fired.TrySetResult(Stopwatch.GetTimestamp()));
            var at = await fired.Task.WaitAsync(TimeSpan.FromSeconds(5));
            lateness.Add(Stopwatch.GetElapsedTime(start, at).TotalMilliseconds - 100);
        }

        var (p50, p90, max) = Percentiles(lateness);
        output.WriteLine($"100 ms timer lateness over 30: p50 {p50:F2} ms, p90 {p90:F2} ms, max {max:F2} ms, min {lateness.Min():F2} ms");
        Assert.True(lateness.Min() >= 0, "a timer fired before its deadline");
        Assert.True(p50 < 15, $"p50 lateness {p50:F2} ms");
    }

    [Fact]
    public async Task A_failing_task_is_dropped_and_the_scheduler_keeps_running()
    {
        var failures = 0;
        var cancelable = new Cancelable(Actions);
        Actions.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(5), () =>
        {
            Interlocked.Increment(ref failures);
            throw new InvalidOperationException("boom");
        }, cancelable);
        var fired = new TaskCompletionSource();
        Actions.ScheduleOnce(TimeSpan.FromMilliseconds(30), () => fired.TrySetResult());

        await fired.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, Volatile.Read(ref failures)); // as in Akka's scheduler, a failed repeat is not rescheduled
    }

    [Fact]
    public void Dispose_runs_outstanding_tasks_once_in_deadline_order_and_refuses_new_ones()
    {
        var ran = new List<string>();
        var cancelled = new Cancelable(Actions);
        Actions.ScheduleOnce(TimeSpan.FromHours(2), () => ran.Add("later"));
        Actions.ScheduleRepeatedly(TimeSpan.FromHours(1), TimeSpan.FromSeconds(1), () => ran.Add("repeat"));
        Actions.ScheduleOnce(TimeSpan.FromHours(1), () => ran.Add("cancelled"), cancelled);
        cancelled.Cancel();

        _scheduler.Dispose();
        _scheduler.Dispose();

        Assert.Equal(["repeat", "later"], ran);
        Assert.Throws<SchedulerException>(() => Actions.ScheduleOnce(TimeSpan.Zero, () => { }));
    }

    [Fact]
    public async Task Dispose_from_a_task_on_the_scheduler_thread_does_not_deadlock()
    {
        var disposed = new TaskCompletionSource();
        Actions.ScheduleOnce(TimeSpan.Zero, () =>
        {
            _scheduler.Dispose();
            disposed.TrySetResult();
        });

        await disposed.Task.WaitAsync(TimeSpan.FromSeconds(2));
    }

    internal static (double P50, double P90, double Max) Percentiles(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.9)], sorted[^1]);
    }

    private static Task Eventually(Func<bool> condition, string what) =>
        ActorSupervisor.Tests.Shared.Eventually.TrueAsync(condition, what, TimeSpan.FromSeconds(10));
}
