namespace ActorSupervisor.Node.Configuration;

/// <summary>
/// The node's configuration cannot be used. The message names where the bad value came from (file and
/// line, or the environment variable), the setting's path, the value and what would be right.
/// </summary>
public sealed class NodeConfigurationException(string message) : Exception(message);
