namespace ActorSupervisor.Client.Contracts;

/// <summary>One line of the node's own log (<c>GET /api/v1/node/logs</c>): what the node logged, Akka.NET's lines included.</summary>
/// <param name="Seq">Its number since the node started; a follower resumes after the last one it saw.</param>
/// <param name="Time">When it was logged.</param>
/// <param name="Level"><c>trace</c>, <c>debug</c>, <c>info</c>, <c>warn</c>, <c>error</c> or <c>critical</c>.</param>
/// <param name="Category">The logger's category, e.g. <c>ActorSupervisor.Node.Hosting.NodeLifecycle</c> or <c>Akka.Cluster.Cluster</c>.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, as text, or null.</param>
public sealed record NodeLogEntry(long Seq, DateTimeOffset Time, string Level, string Category, string Message, string? Exception);
