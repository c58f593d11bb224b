using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ActorSupervisor.Containers.Runtimes.Logs;

/// <summary>
/// A workload's output as its keepers wrote it, stamped when each line was written: the process runtime's shim starts
/// util-linux <c>logger</c> on each output pipe, outside the workload's process group, and each appends one record
/// per line (<c>&lt;13&gt;1 2026-12-05T20:26:53.805512+00:00 - o - - - text</c>, tag <c>o</c> or <c>e</c>) to this file.
/// A keeper drains its pipe whether or not a node runs, so output never blocks the workload and keeps its times.
/// This reader copies the records into the container's log and frees what it copied (a hole punched in the file),
/// so the next node, after a crash, resumes at the first byte that is still there.
/// </summary>
internal sealed class OutputSpool : IDisposable
{
    /// <summary>Longest record kept whole; a keeper splits lines at <see cref="LogPump.MaxLineBytes"/>, so only a torn file gets here.</summary>
    private const int MaxRecordBytes = 1024 * 1024;
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";
    private static readonly byte[] Zeros = new byte[64 * 1024];
    private readonly string _path;
    private readonly SafeFileHandle _file;
    private readonly ContainerLog _log;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly IDisposable? _watch;
    private long _offset;
    private long _freed;
    private volatile bool _finishing;

    private OutputSpool(string path, ContainerLog log, SpoolWatch? watch, TimeProvider time)
    {
        _path = path;
        _log = log;
        _time = time;
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite | FileShare.Delete };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = ContainerLog.PrivateFile;
        }
        _file = File.OpenHandle(path, options.Mode, options.Access, options.Share, FileOptions.None, 0);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_file, ContainerLog.PrivateFile);
        }
        // Whatever a previous reader copied is a hole: start at the first data (zeros of a partly freed block are skipped as read).
        _offset = _freed = NativeFiles.NextData(_file, 0) ?? RandomAccess.GetLength(_file);
        _watch = watch?.Watch(path, Wake);
    }

    /// <summary>Opens (or creates, mode 0600) the spool at <paramref name="path"/>, positioned after what was already copied.</summary>
    public static OutputSpool Open(string path, ContainerLog log, SpoolWatch? watch, TimeProvider time) => new(path, log, watch, time);

    /// <summary>Copies records into the log as they are written, until <see cref="Finish"/> (then to the end) or cancellation.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var finishing = _finishing;
                if (CopyAvailable() > 0)
                {
                    continue;
                }
                Release();
                if (finishing)
                {
                    return;
                }
                // The watch wakes it at once; the timeout covers a file system without inotify events.
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The runtime is disposed: the keepers go on writing, the next node reads on from here.
            Release();
        }
        catch (ObjectDisposedException)
        {
            // Closed after its keepers outlived the cleanup's patience (a process escaped the cgroup).
        }
    }

    /// <summary>The keepers have ended: the next pass reads to the end and returns.</summary>
    public void Finish()
    {
        _finishing = true;
        Wake();
    }

    /// <summary>Stops watching and closes the file; with <paramref name="delete"/> (everything copied, the keepers gone) removes it.</summary>
    public void Close(bool delete)
    {
        _watch?.Dispose();
        _file.Dispose();
        if (delete)
        {
            File.Delete(_path);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Close(delete: false);

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Reads what is in the file past the offset and appends its complete records; returns the bytes they took.</summary>
    private long CopyAvailable()
    {
        // Rented per pass: a quiet workload's reader holds no buffer while it sleeps.
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            return CopyAvailable(ref buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private long CopyAvailable(ref byte[] buffer)
    {
        var start = _offset;
        var pending = 0;
        while (true)
        {
            if (pending == buffer.Length)
            {
                if (buffer.Length >= MaxRecordBytes)
                {
                    // No newline in a megabyte: not a keeper's record. Keep it as a line rather than stall on it.
                    AppendRecord(buffer.AsSpan(0, pending));
                    _offset += pending;
                    pending = 0;
                }
                else
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 4);
                    buffer.AsSpan(0, pending).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
            var read = RandomAccess.Read(_file, buffer.AsSpan(pending), _offset + pending);
            if (read <= 0)
            {
                // Only complete records count: a record being written is read again once it is whole.
                return _offset - start;
            }
            var data = buffer.AsSpan(0, pending + read);
            var consumed = 0;
            while (true)
            {
                var rest = data[consumed..];
                var newline = rest.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }
                AppendRecord(rest[..newline]);
                consumed += newline + 1;
            }
            // The bytes of a record still being written stay for the next read.
            data[consumed..].CopyTo(buffer);
            pending = data.Length - consumed;
            _offset += consumed;
        }
    }

    private void AppendRecord(ReadOnlySpan<byte> record)
    {
        // Zeros are what is left of a block a previous reader freed in part.
        var start = record.IndexOfAnyExcept((byte)0);
        if (start < 0)
        {
            return;
        }
        _log.Append(Parse(record[start..], _time.GetUtcNow()));
    }

    /// <summary>
    /// One keeper record as a log line: its time, stream (tag <c>o</c> stdout, <c>e</c> stderr) and text. A record not in
    /// the keeper's format is kept whole as stdout, stamped <paramref name="readAt"/>.
    /// </summary>
    internal static LogLine Parse(ReadOnlySpan<byte> record, DateTimeOffset readAt)
    {
        var afterPriority = record.IndexOf((byte)' ');
        if (record.Length > 0 && record[0] == (byte)'<' && afterPriority > 0)
        {
            var timestampLength = record[(afterPriority + 1)..].IndexOf((byte)' ');
            var header = afterPriority + 1 + timestampLength;
            if (timestampLength > 0 && record.Length >= header + 11 && record.Slice(header + 4, 7).SequenceEqual(" - - - "u8)
                && record[header + 3] is (byte)'o' or (byte)'e'
                && TryParseTime(record.Slice(afterPriority + 1, timestampLength), out var at))
            {
                return new LogLine(at, record[header + 3] == (byte)'o' ? LogStream.Stdout : LogStream.Stderr, Decode(record[(header + 11)..]));
            }
        }
        return new LogLine(readAt, LogStream.Stdout, Decode(record));
    }

    /// <summary>
    /// The keeper's time, <c>2026-12-05T20:26:53.805512+00:00</c>, read digit by digit: a general parser per line cost
    /// a third of the reader's time at full rate. Anything else (another precision, say) goes through the general one.
    /// </summary>
    private static bool TryParseTime(ReadOnlySpan<byte> ascii, out DateTimeOffset at)
    {
        at = default;
        if (ascii.Length == 32 && ascii[4] == '-' && ascii[7] == '-' && ascii[10] == 'T' && ascii[13] == ':' && ascii[16] == ':'
            && ascii[19] == '.' && ascii[26] is (byte)'+' or (byte)'-' && ascii[29] == ':'
            && Digits(ascii, 0, 4, out var year) && Digits(ascii, 5, 2, out var month) && Digits(ascii, 8, 2, out var day)
            && Digits(ascii, 11, 2, out var hour) && Digits(ascii, 14, 2, out var minute) && Digits(ascii, 17, 2, out var second)
            && Digits(ascii, 20, 6, out var micros) && Digits(ascii, 27, 2, out var offsetHours) && Digits(ascii, 30, 2, out var offsetMinutes)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60
            && offsetHours < 15 && offsetMinutes < 60)
        {
            var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            at = new DateTimeOffset(year, month, day, hour, minute, second, ascii[26] == '-' ? -offset : offset).AddTicks(micros * 10L);
            return true;
        }
        Span<char> chars = stackalloc char[40];
        if (ascii.Length > chars.Length)
        {
            return false;
        }
        for (var i = 0; i < ascii.Length; i++)
        {
            chars[i] = (char)ascii[i];
        }
        return DateTimeOffset.TryParseExact(chars[..ascii.Length], TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
    }

    private static bool Digits(ReadOnlySpan<byte> ascii, int start, int count, out int value)
    {
        value = 0;
        foreach (var digit in ascii.Slice(start, count))
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            value = value * 10 + (digit - '0');
        }
        return true;
    }

    private static string Decode(ReadOnlySpan<byte> text) =>
        Encoding.UTF8.GetString(text.Length > 0 && text[^1] == (byte)'\r' ? text[..^1] : text);

    /// <summary>Hands the copied lines to the file system, then frees them in the spool (or zeroes them where holes cannot be punched).</summary>
    private void Release()
    {
        _log.Flush();
        if (_offset <= _freed)
        {
            return;
        }
        if (!NativeFiles.PunchHole(_file, _freed, _offset - _freed))
        {
            for (var at = _freed; at < _offset; at += Zeros.Length)
            {
                RandomAccess.Write(_file, Zeros.AsSpan(0, (int)Math.Min(Zeros.Length, _offset - at)), at);
            }
        }
        _freed = _offset;
    }
}
