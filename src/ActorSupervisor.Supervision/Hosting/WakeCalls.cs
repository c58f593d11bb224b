namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// Asks many containers to wake and gathers their answers. A wake can be lost on its way: a shard that gave up
/// waiting for its remembered entities (its store's recovery queued behind other containers' recoveries) stops, and
/// the wakes it held go to dead letters. Waiting out each ask's timeout made a node's start stall for a minute, so
/// when no answer at all has come for <c>stall</c>, the containers still silent are asked again (a wake is
/// idempotent; whichever answer comes first counts). While answers keep coming nobody is asked again: a start that
/// recovers many containers is slow, not stuck.
/// </summary>
internal static class WakeCalls
{
    /// <summary>
    /// Asks every id with <paramref name="ask"/> (at most <paramref name="maxAsks"/> times each) and passes each
    /// answer to <paramref name="answered"/> as it arrives; returns the ids that never answered.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AskAllAsync<TAnswer>(IReadOnlyList<string> ids, Func<string, Task<TAnswer>> ask,
        Action<TAnswer> answered, TimeSpan stall, int maxAsks, CancellationToken cancellationToken)
    {
        var waiting = new Dictionary<string, (Task<TAnswer> Answer, int Asks)>(ids.Count, StringComparer.Ordinal);
        foreach (var id in ids) waiting[id] = (ask(id), 1);
        var silent = new List<string>();
        while (waiting.Count > 0)
        {
            await Task.WhenAny(Task.WhenAll(waiting.Values.Select(w => w.Answer)), Task.Delay(stall, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var progress = false;
            foreach (var (id, (answer, asks)) in waiting.Where(w => w.Value.Answer.IsCompleted).ToList())
            {
                waiting.Remove(id);
                if (answer.IsCompletedSuccessfully)
                {
                    answered(answer.Result);
                    progress = true;
                }
                else if (asks < maxAsks) waiting[id] = (ask(id), asks + 1);
                else silent.Add(id);
            }
            if (progress) continue;
            foreach (var (id, (answer, asks)) in waiting.Where(w => w.Value.Asks < maxAsks && !w.Value.Answer.IsCompleted).ToList())
                waiting[id] = (FirstAnswer(answer, ask(id)), asks + 1);
        }
        return silent;
    }

    // Completes with the first of two answers that succeeds, or fails when both fail.
    private static async Task<T> FirstAnswer<T>(Task<T> first, Task<T> second)
    {
        var winner = await Task.WhenAny(first, second).ConfigureAwait(false);
        return winner.IsCompletedSuccessfully ? winner.Result : await (winner == first ? second : first).ConfigureAwait(false);
    }
}
