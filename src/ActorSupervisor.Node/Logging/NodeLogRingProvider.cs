using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Node.Logging;

/// <summary>
/// Feeds <see cref="NodeLogRing"/> from Microsoft.Extensions.Logging: it sees every line the node's logging filters let
/// through, the node's own and Akka.NET's (Akka.Hosting's LoggerFactoryLogger writes to the same factory).
/// </summary>
internal sealed class NodeLogRingProvider(NodeLogRing ring, TimeProvider time) : ILoggerProvider
{
    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new RingLogger(ring, time, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class RingLogger(NodeLogRing ring, TimeProvider time, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            ring.Append(time.GetUtcNow(), (int)logLevel, category, formatter(state, exception), exception?.ToString());
        }
    }
}
