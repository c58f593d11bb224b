using System.Text;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Logs;
using Microsoft.Extensions.Time.Testing;

namespace ActorSupervisor.Runtimes.Tests.Units;

public sealed class LogPumpTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "asv-pump-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Lines_are_split_at_newlines_and_16_KiB_with_crlf_trimmed_and_the_last_partial_line_kept()
    {
        using var log = new ContainerLog(_directory, 1 << 20, 1, tailLines: 10, new FakeTimeProvider());
        var longLine = new string('y', LogPump.MaxLineBytes + 10);
        var input = new MemoryStream(Encoding.UTF8.GetBytes($"one\r\ntwo\n\n{longLine}\nthree, no newline"));

        await LogPump.RunAsync(input, log, LogStream.Stderr, CancellationToken.None);

        var lines = await log.ReadAsync(new LogQuery(), CancellationToken.None).ToListAsync();
        Assert.All(lines, l => Assert.Equal(LogStream.Stderr, l.Stream));
        Assert.Equal(["one", "two", "", new string('y', LogPump.MaxLineBytes), new string('y', 10), "three, no newline"], lines.Select(l => l.Text).ToArray());
    }
}
