using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Supervision.Tests.Support;

/// <summary>A logger factory that keeps every entry in memory, so tests can assert that something was logged.</summary>
internal sealed class LogCapture : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Every entry so far, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Providers are not used: entries stay in <see cref="Entries"/>.</summary>
    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("LogCapture keeps entries itself; it takes no providers");

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
    }
}
