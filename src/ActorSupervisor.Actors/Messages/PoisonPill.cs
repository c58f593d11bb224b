namespace ActorSupervisor.Actors;

/// <summary>Stops the receiving actor once it reaches this message: what was sent before it is still handled.</summary>
public sealed class PoisonPill : AutoReceivedMessage
{
    private PoisonPill()
    {
    }

    /// <summary>The one instance.</summary>
    public static PoisonPill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "PoisonPill";
}
