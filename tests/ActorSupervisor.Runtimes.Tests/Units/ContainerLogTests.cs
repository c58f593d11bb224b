using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Logs;
using Microsoft.Extensions.Time.Testing;

namespace ActorSupervisor.Runtimes.Tests.Units;

/// <summary>The rotating log on virtual time and a scratch directory.</summary>
public sealed class ContainerLogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "asv-log-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Since_and_tail_select_from_memory_and_from_files_alike()
    {
        using var log = new ContainerLog(_directory, 1 << 20, 2, tailLines: 3, _time);
        for (var i = 0; i < 6; i++)
        {
            log.Append(i % 2 == 0 ? LogStream.Stdout : LogStream.Stderr, $"line {i}");
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        var start = new FakeTimeProvider().GetUtcNow();

        Assert.Equal(["line 4", "line 5"], await Texts(log, new LogQuery(Tail: 2)));
        Assert.Equal(["line 1", "line 2", "line 3", "line 4", "line 5"], await Texts(log, new LogQuery(Tail: 5)));
        Assert.Equal(["line 4", "line 5"], await Texts(log, new LogQuery(Since: start.AddSeconds(4))));
        Assert.Equal(["line 3", "line 4", "line 5"], await Texts(log, new LogQuery(Since: start.AddSeconds(3))));
        Assert.Equal(["line 5"], await Texts(log, new LogQuery(Tail: 1, Since: start.AddSeconds(3))));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Texts(log, new LogQuery(Tail: -1)));
    }

    [Fact]
    public async Task A_follower_gets_every_new_line_once_and_ends_with_the_workload()
    {
        using var log = new ContainerLog(_directory, 1 << 20, 2, tailLines: 10, _time);
        log.BeginWorkload();
        log.Append(LogStream.Stdout, "before");
        var follower = log.ReadAsync(new LogQuery(Follow: true), CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await follower.MoveNextAsync());
        Assert.Equal("before", follower.Current.Text);

        var next = follower.MoveNextAsync().AsTask();
        log.Append(LogStream.Stdout, "after");
        Assert.True(await next);
        Assert.Equal("after", follower.Current.Text);
        log.EndWorkload();
        Assert.False(await follower.MoveNextAsync());
    }

    [Fact]
    public async Task Rotation_keeps_max_files_and_a_new_instance_reads_them()
    {
        using (var log = new ContainerLog(_directory, 1024, 3, tailLines: 0, _time))
        {
            for (var i = 0; i < 100; i++)
            {
                log.Append(LogStream.Stdout, $"line {i:000} " + new string('x', 40));
            }
        }
        Assert.Equal(3, Directory.GetFiles(_directory).Length);

        using var reopened = new ContainerLog(_directory, 1024, 3, tailLines: 5, _time);
        var lines = await Texts(reopened, new LogQuery(Tail: 2));
        Assert.Equal(["line 098", "line 099"], lines.Select(l => l[..8]).ToArray());
    }

    private static async Task<List<string>> Texts(ContainerLog log, LogQuery query) =>
        await log.ReadAsync(query, CancellationToken.None).Select(l => l.Text).ToListAsync();
}
