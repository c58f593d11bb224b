namespace ActorSupervisor.Actors;

/// <summary>
/// The recipe for an actor: how to make a fresh instance (at start and at every restart) and which
/// mailbox it gets. Immutable; one <see cref="Props"/> can create many actors.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, MailboxOptions mailbox)
    {
        ActorType = actorType;
        _factory = factory;
        Mailbox = mailbox;
    }

    /// <summary>The type of actor these props create.</summary>
    public Type ActorType { get; }

    /// <summary>The mailbox the actor gets: unbounded unless <see cref="WithMailbox"/> says otherwise.</summary>
    public MailboxOptions Mailbox { get; }

    /// <summary>Props that create <typeparamref name="TActor"/> with its parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() =>
        new(typeof(TActor), static () => new TActor(), MailboxOptions.Unbounded);

    /// <summary>
    /// Props that create an actor with <paramref name="factory"/>, called once per start and restart. The factory
    /// must return a new instance each time (the kernel rejects a reused one).
    /// </summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), factory, MailboxOptions.Unbounded);
    }

    /// <summary>The same props with another mailbox.</summary>
    public Props WithMailbox(MailboxOptions mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return new Props(ActorType, _factory, mailbox);
    }

    internal ActorBase NewActor() => _factory();

    /// <inheritdoc />
    public override string ToString() => $"Props({ActorType.Name}, {Mailbox})";
}
