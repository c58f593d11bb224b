using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Docker;
using ActorSupervisor.Containers.Runtimes.Logs;
using FsCheck;
using FsCheck.Fluent;

namespace ActorSupervisor.Runtimes.Tests.Units;

public class LogFormatTests
{
    [Fact]
    public void A_stored_line_reads_back_as_written() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(t => t is not null && !t.Contains('\n')),
                Gen.Elements(LogStream.Stdout, LogStream.Stderr).ToArbitrary(),
                Gen.Choose(0, int.MaxValue).ToArbitrary(),
                (text, stream, seconds) =>
                {
                    var line = new LogLine(DateTimeOffset.UnixEpoch.AddSeconds(seconds).AddTicks(1234567), stream, text);
                    return LogLineFormat.Parse(LogLineFormat.Format(line)) == line;
                })
            .QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("")]
    [InlineData("not a log line")]
    [InlineData("2026-01-01T00:00:00.0000000+00:00 stdxxx text")]
    public void A_torn_or_foreign_line_is_skipped(string stored) => Assert.Null(LogLineFormat.Parse(stored));

    [Fact]
    public void Docker_timestamps_with_nanoseconds_are_read()
    {
        var line = DockerLogLine.Parse(LogStream.Stderr, "2026-11-21T05:32:36.123456789Z hello world\r");
        Assert.Equal(new LogLine(new DateTimeOffset(2026, 11, 21, 5, 32, 36, TimeSpan.Zero).AddTicks(1234567), LogStream.Stderr, "hello world"), line);
    }

    [Fact]
    public async Task Docker_s_multiplexed_stream_is_split_into_frames_by_stream()
    {
        var bytes = new List<byte>();
        foreach (var (kind, text) in new[] { ((byte)1, "out\n"), ((byte)2, "err\n"), ((byte)1, "") })
        {
            bytes.AddRange([kind, 0, 0, 0, 0, 0, 0, (byte)text.Length]);
            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(text));
        }
        bytes.AddRange([1, 0, 0, 0, 0, 0, 0, 9, (byte)'x']); // a frame cut short by the connection closing
        var frames = new List<(LogStream, string)>();

        await DockerStreamReader.ReadFramesAsync(new MemoryStream(bytes.ToArray()), (s, c) => frames.Add((s, System.Text.Encoding.UTF8.GetString(c.Span))), CancellationToken.None);

        Assert.Equal([(LogStream.Stdout, "out\n"), (LogStream.Stderr, "err\n"), (LogStream.Stdout, "")], frames);
    }
}
