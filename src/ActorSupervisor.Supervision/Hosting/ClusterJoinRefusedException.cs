namespace ActorSupervisor.Supervision.Hosting;

/// <summary>The node joined a cluster it must not be part of (another shard count); it left again and does not start.</summary>
public sealed class ClusterJoinRefusedException(string message) : InvalidOperationException(message);
