using System.Text;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Logs;
using Microsoft.Extensions.Time.Testing;

namespace ActorSupervisor.Runtimes.Tests.Units;

/// <summary>The node's side of a workload's output spool: the keepers' records read back, and a reader's place kept in the file itself.</summary>
public sealed class OutputSpoolTests : IDisposable
{
    private static readonly DateTimeOffset ReadAt = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "asv-spool-" + Guid.NewGuid().ToString("N")[..8]);

    public OutputSpoolTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_keeper_record_gives_its_write_time_stream_and_text_and_anything_else_is_kept_whole()
    {
        var line = OutputSpool.Parse("<13>1 2026-12-05T20:26:53.805512+00:00 - e - - -   two  spaces\r"u8, ReadAt);
        Assert.Equal(new LogLine(new DateTimeOffset(2026, 12, 5, 20, 26, 53, TimeSpan.Zero).AddTicks(8_055_120), LogStream.Stderr, "  two  spaces"), line);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 19, 26, 53, TimeSpan.Zero).AddTicks(8_055_120), OutputSpool.Parse("<13>1 2026-12-05T20:26:53.805512+01:00 - o - - - "u8, ReadAt).Timestamp);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 22, 56, 53, TimeSpan.Zero).AddTicks(8_055_120), OutputSpool.Parse("<13>1 2026-12-05T20:26:53.805512-02:30 - o - - - "u8, ReadAt).Timestamp);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 20, 26, 53, TimeSpan.Zero).AddTicks(8_050_000), OutputSpool.Parse("<13>1 2026-12-05T20:26:53.805+00:00 - o - - - x"u8, ReadAt).Timestamp);
        Assert.Equal(ReadAt, OutputSpool.Parse("<13>1 2026-02-30T20:26:53.805512+00:00 - o - - - x"u8, ReadAt).Timestamp);
        Assert.Equal(LogStream.Stdout, OutputSpool.Parse("<13>1 2026-12-05T20:26:53.805512+01:00 - o - - - "u8, ReadAt).Stream);
        Assert.Equal("", OutputSpool.Parse("<13>1 2026-12-05T20:26:53.805512+01:00 - o - - - "u8, ReadAt).Text);
        Assert.Equal(new LogLine(ReadAt, LogStream.Stdout, "not a record"), OutputSpool.Parse("not a record"u8, ReadAt));
        Assert.Equal(new LogLine(ReadAt, LogStream.Stdout, "<13>1 yesterday - o - - - x"), OutputSpool.Parse("<13>1 yesterday - o - - - x"u8, ReadAt));
    }

    [Fact]
    public async Task What_a_reader_copied_is_freed_and_a_new_reader_resumes_after_it()
    {
        var path = Path.Combine(_directory, "1.spool");
        var logDirectory = Path.Combine(_directory, "log");
        var first = Enumerable.Range(1, 300).Select(i => Record(i)).ToArray();
        await File.WriteAllTextAsync(path, string.Concat(first) + "<13>1 2026-12-05T20:26:53.000001+00:00 - o - - - torn");
        using (var log = new ContainerLog(logDirectory, 1 << 20, 1, tailLines: 0, new FakeTimeProvider(ReadAt)))
        {
            var spool = OutputSpool.Open(path, log, watch: null, new FakeTimeProvider(ReadAt));
            spool.Finish();
            await spool.RunAsync(CancellationToken.None);
            spool.Close(delete: false);
            Assert.Equal(300, (await log.ReadAsync(new LogQuery(), CancellationToken.None).ToListAsync()).Count);
        }
        // Copied bytes read as zeros now (a hole where the file system can punch one); the torn record is still there.
        var bytes = await File.ReadAllBytesAsync(path);
        var copied = Encoding.UTF8.GetByteCount(string.Concat(first));
        Assert.All(bytes.Take(copied), b => Assert.Equal(0, b));

        await File.AppendAllTextAsync(path, " end\n" + Record(301));
        using (var log = new ContainerLog(logDirectory, 1 << 20, 1, tailLines: 0, new FakeTimeProvider(ReadAt)))
        {
            var spool = OutputSpool.Open(path, log, watch: null, new FakeTimeProvider(ReadAt));
            spool.Finish();
            await spool.RunAsync(CancellationToken.None);
            spool.Close(delete: true);
            var lines = await log.ReadAsync(new LogQuery(), CancellationToken.None).ToListAsync();
            Assert.Equal(302, lines.Count);
            Assert.Equal(["torn end", "line 301"], lines.TakeLast(2).Select(l => l.Text));
        }
        Assert.False(File.Exists(path));
    }

    private static string Record(int i) => $"<13>1 2026-12-05T20:26:53.{i:D6}+00:00 - o - - - line {i}\n";
}
