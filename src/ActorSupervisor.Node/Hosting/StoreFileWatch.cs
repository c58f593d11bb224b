using Microsoft.Win32.SafeHandles;

namespace ActorSupervisor.Node.Hosting;

/// <summary>
/// Watches the SQLite store's file under the running node. SQLite goes on writing to a deleted (or replaced) file's
/// inode, so every change from then on would be lost at the next start, and the workloads of the containers it held
/// orphaned. The watch keeps the file open and asks the kernel, through <c>/proc/self/fd</c>, whether that open file
/// is still the one at the store's path; while it is not, the node is not ready and refuses commands.
/// </summary>
internal sealed class StoreFileWatch : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly string _path;
    private readonly FileStream _file;
    private readonly string _link;
    private readonly string? _opened;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile string? _problem;
    private int _disposed;

    private StoreFileWatch(string path, FileStream file, ILogger logger, TimeProvider time)
    {
        _path = path;
        _file = file;
        _link = $"/proc/self/fd/{FileDescriptor(file.SafeFileHandle)}";
        // What the kernel calls the file now (symbolic links in the data dir's path resolved); it appends " (deleted)" once unlinked.
        _opened = new FileInfo(_link).LinkTarget;
        _logger = logger;
        _loop = WatchAsync(time);
    }

    /// <summary>Why the store cannot be trusted now (its file was deleted or replaced), or null.</summary>
    public string? Problem => _problem;

    /// <summary>Starts watching <paramref name="path"/>; null where <c>/proc</c> cannot tell (not Linux).</summary>
    public static StoreFileWatch? Start(string path, ILogger logger, TimeProvider time)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd"))
            return null;
        // Never closed while the node runs: closing any descriptor of a database file drops SQLite's POSIX locks on it.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StoreFileWatch(path, file, logger, time);
    }

    /// <summary>Checks now; called every second.</summary>
    public void Check()
    {
        var target = new FileInfo(_link).LinkTarget;
        var problem = target == _opened ? null
            : $"the store file {_path} was deleted or replaced under the running node: changes since would be lost at the next start. "
              + $"Commands are refused; stop the node and put the file back (its content is still readable at /proc/{Environment.ProcessId}/fd/{Path.GetFileName(_link)} while the node runs)";
        // Once gone, the open file is never the one at the path again (a restored file is another inode): the node must restart.
        if (problem is not null && _problem is null)
        {
            _problem = problem;
            _logger.LogCritical("Store: {Problem}", problem);
        }
    }

    private async Task WatchAsync(TimeProvider time)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                Check();
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The generic host may stop the lifecycle twice (WebApplicationFactory does).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stop.CancelAsync();
        await _loop;
        await _file.DisposeAsync();
        _stop.Dispose();
    }

    private static long FileDescriptor(SafeFileHandle handle) => handle.DangerousGetHandle().ToInt64();
}
