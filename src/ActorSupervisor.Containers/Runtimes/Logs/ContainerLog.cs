using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;

namespace ActorSupervisor.Containers.Runtimes.Logs;

/// <summary>
/// One container's output across all its workloads: appended to <c>container.log</c> in its directory, rotated
/// by size into <c>container.log.1</c> ... (oldest dropped), with the last lines kept in memory and handed to
/// followers as they arrive. Safe for the two pumps (stdout, stderr) and any number of readers at once.
/// </summary>
internal sealed class ContainerLog : IDisposable
{
    private const string FileName = "container.log";

    /// <summary>How many lines a follower may fall behind before it is ended.</summary>
    internal const int FollowerBacklog = 4096;

    private readonly string _directory;
    private long _maxBytes;
    private int _maxFiles;
    private readonly int _tailCapacity;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Queue<LogLine> _tail = new();
    private readonly List<Channel<LogLine>> _followers = [];
    private FileStream? _file;
    private bool _tailIsComplete = true;
    private bool _live;

    /// <summary>Opens (or creates) the log in <paramref name="directory"/>.</summary>
    public ContainerLog(string directory, long maxBytes, int maxFiles, int tailLines, TimeProvider time)
    {
        _directory = directory;
        _maxBytes = maxBytes;
        _maxFiles = maxFiles;
        _tailCapacity = tailLines;
        _time = time;
        CreatePrivateDirectory(directory);
        // Lines written before this node started are only in the files.
        _tailIsComplete = !File.Exists(CurrentPath) || new FileInfo(CurrentPath).Length == 0;
    }

    private string CurrentPath => Path.Combine(_directory, FileName);

    /// <summary>
    /// Takes the container's rotation settings (its own <c>--log-opt max-size/max-file</c>, or the node's defaults): from the
    /// next line on the file rotates before it would pass <paramref name="maxBytes"/>, and <paramref name="maxFiles"/> files
    /// are kept; rotated files past a smaller count go at once.
    /// </summary>
    public void Configure(long maxBytes, int maxFiles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFiles, 1);
        lock (_gate)
        {
            for (var index = maxFiles; index < _maxFiles; index++)
            {
                File.Delete(RotatedPath(index));
            }
            _maxBytes = maxBytes;
            _maxFiles = maxFiles;
        }
    }

    /// <summary>A workload writes to this log from now on: followers wait for its lines.</summary>
    public void BeginWorkload()
    {
        lock (_gate)
        {
            _live = true;
        }
    }

    /// <summary>The workload has ended: followers get the rest and then the end of the stream.</summary>
    public void EndWorkload()
    {
        lock (_gate)
        {
            EndWorkloadLocked();
            _file?.Flush();
        }
    }

    /// <summary>Records one line of output, stamped now.</summary>
    public void Append(LogStream stream, string text)
    {
        var line = new LogLine(_time.GetUtcNow(), stream, text);
        var bytes = Encoding.UTF8.GetBytes(LogLineFormat.Format(line) + "\n");
        lock (_gate)
        {
            WriteRotating(bytes);
            if (_tailCapacity > 0)
            {
                if (_tail.Count == _tailCapacity)
                {
                    _tail.Dequeue();
                    _tailIsComplete = false;
                }
                _tail.Enqueue(line);
            }
            else
            {
                _tailIsComplete = false;
            }
            // A follower that falls a backlog behind is ended (an orderly end; it may follow again from its last line's
            // time): an unbounded queue behind a fast writer and a slow reader grew the node by hundreds of MB.
            _followers.RemoveAll(follower => !follower.Writer.TryWrite(line) && follower.Writer.TryComplete());
        }
    }

    /// <summary>The lines <paramref name="query"/> asks for, oldest first; with follow, then new ones until the workload ends.</summary>
    public async IAsyncEnumerable<LogLine> ReadAsync(LogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (query.Tail is < 0)
        {
            throw new ArgumentException($"tail is {query.Tail}; it must not be negative", nameof(query));
        }
        List<LogLine> snapshot;
        Channel<LogLine>? follower = null;
        // Snapshot and subscription happen under one lock so a line is neither missed nor seen twice.
        lock (_gate)
        {
            snapshot = Snapshot(query);
            if (query.Follow && _live)
            {
                follower = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(FollowerBacklog) { SingleReader = true, SingleWriter = true });
                _followers.Add(follower);
            }
        }
        foreach (var line in snapshot)
        {
            yield return line;
        }
        if (follower is null)
        {
            yield break;
        }
        try
        {
            await foreach (var line in follower.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return line;
            }
        }
        finally
        {
            lock (_gate)
            {
                _followers.Remove(follower);
            }
        }
    }

    /// <summary>Closes the current file; the log can be reopened by a new instance.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            EndWorkloadLocked();
            _file?.Dispose();
            _file = null;
        }
    }

    private void EndWorkloadLocked()
    {
        _live = false;
        foreach (var follower in _followers)
        {
            follower.Writer.TryComplete();
        }
        _followers.Clear();
    }

    private List<LogLine> Snapshot(LogQuery query)
    {
        IEnumerable<LogLine> lines;
        if (query.Tail is { } wanted && (_tailIsComplete || wanted <= _tail.Count) && query.Since is null)
        {
            lines = _tail;
        }
        else
        {
            _file?.Flush();
            lines = ReadFiles();
        }
        if (query.Since is { } since)
        {
            lines = lines.Where(l => l.Timestamp >= since);
        }
        var list = lines.ToList();
        return query.Tail is { } tail && tail < list.Count ? list.GetRange(list.Count - tail, tail) : list;
    }

    private IEnumerable<LogLine> ReadFiles()
    {
        for (var index = _maxFiles - 1; index >= 0; index--)
        {
            var path = RotatedPath(index);
            if (!File.Exists(path))
            {
                continue;
            }
            foreach (var stored in File.ReadLines(path))
            {
                if (LogLineFormat.Parse(stored) is { } line)
                {
                    yield return line;
                }
            }
        }
    }

    private void WriteRotating(byte[] bytes)
    {
        _file ??= OpenCurrent();
        if (_file.Length > 0 && _file.Length + bytes.Length > _maxBytes)
        {
            Rotate();
        }
        // Flushed by the pump after each read (Flush), not per line: a write call per line cost a core at 50 MB/s.
        _file.Write(bytes);
    }

    /// <summary>Hands what was appended to the file system (the pump calls it after each read).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            try
            {
                _file?.Flush();
            }
            catch (ObjectDisposedException)
            {
                // Disposed meanwhile: Dispose flushed it.
            }
        }
    }

    private void Rotate()
    {
        _file!.Dispose();
        _file = null;
        if (_maxFiles == 1)
        {
            File.Delete(CurrentPath);
        }
        else
        {
            File.Delete(RotatedPath(_maxFiles - 1));
            for (var index = _maxFiles - 2; index >= 0; index--)
            {
                if (File.Exists(RotatedPath(index)))
                {
                    File.Move(RotatedPath(index), RotatedPath(index + 1));
                }
            }
        }
        _file = OpenCurrent();
    }

    // A workload's output may hold secrets: its files are the node's owner's alone (0600 in a 0700 directory).
    private FileStream OpenCurrent()
    {
        var options = PrivateWrite(FileMode.Append);
        options.Share = FileShare.ReadWrite | FileShare.Delete;
        return new FileStream(CurrentPath, options);
    }

    /// <summary>
    /// A new, empty private file at <paramref name="path"/> in place of whatever was there: deleted first, because a file
    /// that already exists keeps its mode when it is truncated.
    /// </summary>
    public static FileStream ReplacePrivate(string path)
    {
        File.Delete(path);
        return new FileStream(path, PrivateWrite(FileMode.CreateNew));
    }

    /// <summary>Options that write a file created <see cref="PrivateFile"/> (0600): what a container's log directory holds.</summary>
    public static FileStreamOptions PrivateWrite(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = PrivateFile;
        return options;
    }

    /// <summary>Owner read/write: a log file.</summary>
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner only: a log directory.</summary>
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="directory"/> (and missing parents) as the owner's alone (0700).</summary>
    public static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
            Directory.CreateDirectory(directory, PrivateDirectory);
    }

    private string RotatedPath(int index) => index == 0 ? CurrentPath : $"{CurrentPath}.{index}";
}
