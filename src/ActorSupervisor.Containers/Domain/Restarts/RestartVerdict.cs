using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Restarts;

/// <summary>What the restart decision says to do after an exit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RestartVerdict>))]
public enum RestartVerdict
{
    /// <summary>Leave the container exited: the policy does not restart it.</summary>
    DoNotRestart,
    /// <summary>Restart it after the delay.</summary>
    Restart,
    /// <summary>The policy would restart it, but it restarted too often: give up (the intensity option).</summary>
    GiveUp,
}
