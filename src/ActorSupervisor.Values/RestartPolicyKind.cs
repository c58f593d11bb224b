using System.Text.Json.Serialization;

namespace ActorSupervisor.Values;

/// <summary>Docker's restart policies.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RestartPolicyKind>))]
public enum RestartPolicyKind
{
    /// <summary><c>no</c>: never restart (the default).</summary>
    No,
    /// <summary><c>always</c>: restart whatever the exit code, unless stopped by an operator.</summary>
    Always,
    /// <summary><c>unless-stopped</c>: as always, and also not after a node restart once an operator stopped it.</summary>
    UnlessStopped,
    /// <summary><c>on-failure[:N]</c>: restart only after a non-zero exit, at most N times (0: no limit).</summary>
    OnFailure,
}
