namespace ActorSupervisor.Hocon.Tests;

public class TypedValueTests
{
    public static TheoryData<string, long> Durations => new()
    {
        { "100ms", 100 * TimeSpan.TicksPerMillisecond },
        { "100 ms", 100 * TimeSpan.TicksPerMillisecond },
        { " 30s ", 30 * TimeSpan.TicksPerSecond },
        { "5m", 5 * TimeSpan.TicksPerMinute },
        { "1h", TimeSpan.TicksPerHour },
        { "1.5h", 90 * TimeSpan.TicksPerMinute },
        { "2d", 2 * TimeSpan.TicksPerDay },
        { "250", 250 * TimeSpan.TicksPerMillisecond },
        { "0", 0 },
        { "-1s", -TimeSpan.TicksPerSecond },
        { "1500ns", 15 },
        { "1ns", 0 },
        { "50ns", 1 },
        { "3us", 30 },
        { "0.5ms", 5_000 },
        { "2 seconds", 2 * TimeSpan.TicksPerSecond },
        { "1 second", TimeSpan.TicksPerSecond },
        { "10 millis", 10 * TimeSpan.TicksPerMillisecond },
        { "10 milliseconds", 10 * TimeSpan.TicksPerMillisecond },
        { "7 microseconds", 70 },
        { "1 minute", TimeSpan.TicksPerMinute },
        { "3 hours", 3 * TimeSpan.TicksPerHour },
        { "1 day", TimeSpan.TicksPerDay },
        { "100 nanoseconds", 1 },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Parses_durations(string text, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), HoconDuration.Parse(text));
        Assert.Equal(TimeSpan.FromTicks(ticks), Hocon.Parse($"d = \"{text}\"").GetDuration("d"));
    }

    [Theory]
    [InlineData("", "expected a duration")]
    [InlineData("ms", "expected a duration")]
    [InlineData("10 sec", "unknown duration unit 'sec'")]
    [InlineData("10MS", "unknown duration unit 'MS'")]
    [InlineData("1.2.3s", "expected a duration")]
    [InlineData("10 s x", "expected a duration")]
    [InlineData("99999999999d", "duration '99999999999d' is out of range")]
    public void Rejects_bad_durations(string text, string message)
    {
        Assert.False(HoconDuration.TryParse(text, out _));
        Assert.Contains(message, Assert.Throws<FormatException>(() => HoconDuration.Parse(text)).Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, long> Sizes => new()
    {
        { "512", 512 },
        { "10b", 10 },
        { "10 bytes", 10 },
        { "1B", 1 },
        { "512k", 512 * 1024 },
        { "512K", 512 * 1024 },
        { "1Ki", 1024 },
        { "1KiB", 1024 },
        { "1kB", 1000 },
        { "2 kilobytes", 2000 },
        { "1 kibibyte", 1024 },
        { "512m", 512L << 20 },
        { "10MiB", 10L << 20 },
        { "10MB", 10_000_000 },
        { "1g", 1L << 30 },
        { "1 GB", 1_000_000_000 },
        { "1.5k", 1536 },
        { "2T", 2L << 40 },
        { "1 tebibyte", 1L << 40 },
        { "1PB", 1_000_000_000_000_000 },
        { "1 EiB", 1L << 60 },
        { "7e", 7L << 60 },
        { "0", 0 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Parses_sizes(string text, long bytes)
    {
        Assert.Equal(bytes, HoconSize.Parse(text));
        Assert.Equal(bytes, Hocon.Parse($"s = \"{text}\"").GetBytes("s"));
    }

    [Theory]
    [InlineData("10KB", "unknown size unit 'KB'")]
    [InlineData("10 megs", "unknown size unit 'megs'")]
    [InlineData("8E", "out of range")]
    [InlineData("1ZB", "out of range")]
    [InlineData("1 YiB", "out of range")]
    [InlineData("lots", "expected a size")]
    public void Rejects_bad_sizes(string text, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => HoconSize.Parse(text)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    [InlineData("\"Yes\"", true)]
    public void Reads_booleans(string text, bool expected) =>
        Assert.Equal(expected, Hocon.Parse($"b = {text}").GetBool("b"));

    [Fact]
    public void Reads_numbers_strings_and_lists()
    {
        var root = Hocon.Parse("i = 42\nl = 9000000000\nd = 2.5\ns = \"7\"\nn = 1e3\nlist = [a, 2, true]\no { k = v }");
        Assert.Equal(42, root.GetInt("i"));
        Assert.Equal(9_000_000_000L, root.GetLong("l"));
        Assert.Equal(2.5, root.GetDouble("d"));
        Assert.Equal(7, root.GetInt("s"));
        Assert.Equal(1000.0, root.GetDouble("n"));
        Assert.Equal("2.5", root.GetString("d"));
        Assert.Equal(["a", "2", "true"], root.GetStringList("list"));
        Assert.Equal("v", root.GetObject("o").GetString("k"));
        Assert.True(root.HasPath("o.k"));
        Assert.False(root.HasPath("o.k.z"));
        Assert.Null(root.Find("nope"));
        Assert.Equal(TimeSpan.FromMilliseconds(42), root.GetDuration("i"));
        Assert.Equal(42, root.GetBytes("i"));
    }

    [Fact]
    public void A_bad_value_names_its_file_line_column_and_setting_path()
    {
        var root = Hocon.Parse("node {\n  timeout = 30 seconds please\n  port = eighty\n  flag = maybe\n  size = 12 KB\n}");
        var duration = Assert.Throws<HoconException>(() => root.GetDuration("node.timeout"));
        Assert.Equal(("test.conf", 2, 13, "node.timeout"), (duration.File, duration.Line, duration.Column, duration.Path));
        Assert.Equal("test.conf:2:13: setting 'node.timeout': expected a duration such as 100ms, 30s, 5m or 1h (units ns, us, ms, s, m, h, d), found '30 seconds please'", duration.Message);
        var port = Assert.Throws<HoconException>(() => root.GetInt("node.port"));
        Assert.Equal("test.conf:3:10: setting 'node.port': expected a whole number (32-bit), found string 'eighty'", port.Message);
        Assert.Contains("expected a boolean (true/false, yes/no, on/off), found string 'maybe'", Assert.Throws<HoconException>(() => root.GetBool("node.flag")).Message, StringComparison.Ordinal);
        Assert.Contains("unknown size unit 'KB'", Assert.Throws<HoconException>(() => root.GetBytes("node.size")).Message, StringComparison.Ordinal);
        Assert.Contains("expected a string, found object", Assert.Throws<HoconException>(() => root.GetString("node")).Message, StringComparison.Ordinal);
        Assert.Contains("expected an array, found string", Assert.Throws<HoconException>(() => root.GetArray("node.port")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_setting_is_reported_at_the_nearest_object()
    {
        var root = Hocon.Parse("a = 1\nnode {\n  x = 1\n}");
        var error = Assert.Throws<HoconException>(() => root.GetString("node.y"));
        Assert.Equal("test.conf:2:6: setting 'node.y': is missing", error.Message);
        Assert.Throws<HoconException>(() => root.PositionOf("a.b"));
    }

    [Fact]
    public void Null_is_not_converted_to_another_type()
    {
        var root = Hocon.Parse("n = null");
        Assert.Contains("expected a whole number (32-bit), found null", Assert.Throws<HoconException>(() => root.GetInt("n")).Message, StringComparison.Ordinal);
        Assert.Contains("expected a string, found null", Assert.Throws<HoconException>(() => root.GetString("n")).Message, StringComparison.Ordinal);
        Assert.True(root.HasPath("n"));
    }

    [Fact]
    public void Paths_use_hocon_path_syntax()
    {
        var root = Hocon.Parse("a { \"b.c\" { d = 1 } }");
        Assert.Equal(1, root.GetInt("a.\"b.c\".d"));
        Assert.Equal(["a", "b.c", "d"], HoconPath.Parse("a.\"b.c\".d"));
        Assert.Equal("a.\"b.c\".d", HoconPath.Render(["a", "b.c", "d"]));
        Assert.Throws<ArgumentException>(() => root.Find("a..b"));
        Assert.Throws<ArgumentException>(() => root.Find("a = b"));
    }
}
