using System.Collections.Concurrent;
using ActorSupervisor.Supervision.Hosting;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

/// <summary>A start's wakes: lost ones are asked again once answers stop coming, and only then.</summary>
public sealed class WakeCallsTests
{
    private readonly ConcurrentDictionary<string, int> _asks = new(StringComparer.Ordinal);
    private readonly List<string> _answers = [];

    private int Asks(string id) => _asks.GetValueOrDefault(id);

    private int Count(string id) => _asks.AddOrUpdate(id, 1, (_, n) => n + 1);

    [Fact]
    public async Task A_wake_lost_on_its_way_is_asked_again_once_no_answer_comes_for_the_stall()
    {
        string[] ids = ["a", "b", "lost-1", "c", "lost-2"];
        // A lost wake: its answer never comes (the ask would only time out, a minute later).
        var silent = await WakeCalls.AskAllAsync(ids,
            id => Count(id) == 1 && id.StartsWith("lost", StringComparison.Ordinal) ? new TaskCompletionSource<string>().Task : Task.FromResult(id),
            _answers.Add, TimeSpan.FromMilliseconds(100), maxAsks: 3, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(silent);
        Assert.Equal(ids.Order(), _answers.Order());
        Assert.Equal([1, 1, 2, 1, 2], ids.Select(Asks));
    }

    [Fact]
    public async Task While_answers_keep_coming_nobody_is_asked_again()
    {
        // 30 answers, one every 50 ms: the whole takes three times the stall, but no 1 s passes without an answer.
        var ids = Enumerable.Range(0, 30).Select(i => $"c{i}").ToList();
        var silent = await WakeCalls.AskAllAsync(ids,
            id => { Count(id); return Task.Delay(50 * (ids.IndexOf(id) + 1)).ContinueWith(_ => id, TaskScheduler.Default); },
            _answers.Add, TimeSpan.FromSeconds(1), maxAsks: 3, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(silent);
        Assert.Equal(30, _answers.Count);
        Assert.All(ids, id => Assert.Equal(1, Asks(id)));
    }

    [Fact]
    public async Task A_container_whose_every_ask_fails_is_given_up_after_the_last_ask()
    {
        var silent = await WakeCalls.AskAllAsync(["up", "down"],
            id => { Count(id); return id == "down" ? Task.FromException<string>(new TimeoutException("no answer")) : Task.FromResult(id); },
            _answers.Add, TimeSpan.FromSeconds(5), maxAsks: 3, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["down"], silent);
        Assert.Equal(["up"], _answers);
        Assert.Equal(3, Asks("down"));
    }
}
