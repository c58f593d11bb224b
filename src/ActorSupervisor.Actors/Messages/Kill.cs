namespace ActorSupervisor.Actors;

/// <summary>Makes the receiving actor fail with <see cref="ActorKilledException"/>, which its supervisor stops by default.</summary>
public sealed class Kill : AutoReceivedMessage
{
    private Kill()
    {
    }

    /// <summary>The one instance.</summary>
    public static Kill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "Kill";
}
