using System.Diagnostics;
using System.Text;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>A running <c>asv ... -f</c> child: collects its stdout lines as they arrive; disposing kills it.</summary>
internal sealed class AsvFollower : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _error = new();

    public AsvFollower(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(_lines, e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_lines)
                _error.AppendLine(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The stdout lines printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return _lines.ToList();
        }
    }

    /// <summary>What it printed to stderr so far.</summary>
    public string Error
    {
        get
        {
            lock (_lines)
                return _error.ToString();
        }
    }

    /// <summary>Waits until the lines printed so far satisfy <paramref name="accept"/>; fails with all output on the deadline.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(Func<IReadOnlyList<string>, bool> accept, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var lines = Lines;
            if (accept(lines))
                return lines;
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                string error;
                lock (_lines)
                    error = _error.ToString();
                var state = _process.HasExited ? $"asv exited with {_process.ExitCode}" : "timed out";
                throw new TimeoutException($"{state} waiting until {what}; stdout:\n{string.Join('\n', lines)}\nstderr:\n{error}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C would, and returns the exit code once it has ended.</summary>
    public async Task<int> InterruptAsync()
    {
        using (var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await interrupt.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is null)
            return;
        lock (lines)
            lines.Add(line);
    }
}
