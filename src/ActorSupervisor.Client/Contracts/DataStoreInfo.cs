namespace ActorSupervisor.Client.Contracts;

/// <summary>Where the node keeps its journal.</summary>
/// <param name="Kind"><c>sqlite</c>, <c>postgresql</c> or <c>memory</c>.</param>
/// <param name="Location">The SQLite file path, or <c>host:port/database</c> (never a password).</param>
public sealed record DataStoreInfo(string Kind, string Location);
