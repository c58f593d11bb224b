namespace ActorSupervisor.Actors;

/// <summary>Sent to an actor that received nothing for the span it set with <c>Context.SetReceiveTimeout</c>.</summary>
public sealed class ReceiveTimeout
{
    private ReceiveTimeout()
    {
    }

    /// <summary>The one instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "ReceiveTimeout";
}
