using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Supervision.Tests.Support;

/// <summary>One captured log entry.</summary>
/// <param name="Level">Its level.</param>
/// <param name="Category">The logger's category (the host, the container entities, or Akka).</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
internal sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);
