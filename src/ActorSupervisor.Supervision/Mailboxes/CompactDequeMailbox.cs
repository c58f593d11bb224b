using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ActorSupervisor.Supervision.Mailboxes;

/// <summary>
/// The mailbox of the container, group and name entities: an unbounded deque (what a persistent actor's stash needs)
/// that allocates nothing beyond one small object while the actor is idle (<see cref="CompactDequeMessageQueue"/>).
/// Registered under <see cref="Id"/> by <see cref="HoconConfig"/>; an entity asks for it with
/// <c>Props.WithMailbox(CompactDequeMailbox.Id)</c>.
/// </summary>
internal sealed class CompactDequeMailbox : MailboxType, IProducesMessageQueue<CompactDequeMessageQueue>
{
    /// <summary>The mailbox's configuration path, beside Akka's own mailboxes.</summary>
    public const string Id = "akka.actor.mailbox.asv-compact-deque";

    /// <summary>The HOCON line that registers this mailbox under <see cref="Id"/>.</summary>
    public const string HoconConfig =
        Id + ".mailbox-type = \"ActorSupervisor.Supervision.Mailboxes.CompactDequeMailbox, ActorSupervisor.Supervision\"";

    /// <summary>The constructor Akka calls (by reflection) with the system's settings and this mailbox's section.</summary>
    public CompactDequeMailbox(Settings settings, Config config) : base(settings, config)
    {
    }

    /// <inheritdoc />
    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new CompactDequeMessageQueue();
}
