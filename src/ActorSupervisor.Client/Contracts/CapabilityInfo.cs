namespace ActorSupervisor.Client.Contracts;

/// <summary>A feature the node may or may not have on this host.</summary>
/// <param name="Name">e.g. <c>memory-limits</c>, <c>docker</c>.</param>
/// <param name="Available">Whether it works here.</param>
/// <param name="Detail">How it works (<c>cgroup v2 at /sys/fs/cgroup/asv</c>), or why not.</param>
public sealed record CapabilityInfo(string Name, bool Available, string Detail);
