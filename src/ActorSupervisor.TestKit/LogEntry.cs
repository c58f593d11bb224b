using Microsoft.Extensions.Logging;

namespace ActorSupervisor.TestKit;

/// <summary>One captured log entry.</summary>
/// <param name="Level">Its level.</param>
/// <param name="Category">The logger's category (the actor type, or the kernel).</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);
