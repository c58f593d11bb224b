using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace ActorSupervisor.Containers.Runtimes.Logs;

/// <summary>
/// One inotify instance for all of a runtime's output spools: a spool reader sleeps until its file is written
/// to, so a thousand quiet workloads cost no wake-ups, and a busy one is read as soon as a line lands.
/// One thread waits on the instance (polling it every second to notice disposal).
/// </summary>
internal sealed class SpoolWatch : IDisposable
{
    private const int EventHeaderBytes = 16;
    private readonly int _fd;
    private readonly ConcurrentDictionary<int, Action> _watches = new();
    private readonly Thread _thread;
    private volatile bool _disposed;

    /// <summary>Creates the inotify instance and its thread.</summary>
    public SpoolWatch()
    {
        _fd = NativeFiles.InotifyInit();
        _thread = new Thread(Run) { IsBackground = true, Name = "asv-spool-watch" };
        _thread.Start();
    }

    /// <summary>Calls <paramref name="changed"/> (on the watch's thread; it must be quick) whenever <paramref name="path"/> is written to.</summary>
    /// <returns>Ends the watch; null when the file does not exist.</returns>
    public IDisposable? Watch(string path, Action changed)
    {
        var wd = NativeFiles.InotifyAddWatch(_fd, path, NativeFiles.InModify);
        if (wd < 0)
        {
            return null;
        }
        _watches[wd] = changed;
        return new Subscription(this, wd);
    }

    /// <summary>Stops the thread and closes the instance.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _thread.Join();
        NativeFiles.Close(_fd);
    }

    private void Run()
    {
        var buffer = new byte[16 * 1024];
        while (!_disposed)
        {
            if (!NativeFiles.WaitReadable(_fd, 1000))
            {
                continue;
            }
            var read = NativeFiles.ReadAvailable(_fd, buffer);
            for (var at = 0; at + EventHeaderBytes <= read;)
            {
                var wd = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(at));
                var nameLength = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(at + 12));
                at += EventHeaderBytes + nameLength;
                if (_watches.TryGetValue(wd, out var changed))
                {
                    changed();
                }
            }
        }
    }

    private sealed class Subscription(SpoolWatch watch, int wd) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0 && watch._watches.TryRemove(wd, out _) && !watch._disposed)
            {
                NativeFiles.InotifyRemoveWatch(watch._fd, wd);
            }
        }
    }
}
