using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Supervision.Actors;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Mailboxes;
using ActorSupervisor.Supervision.Tests.Support;
using Akka.Actor;

namespace ActorSupervisor.Supervision.Tests.Mailboxes;

/// <summary>The host's entities really run on the compact mailbox (the queue seen from each entity's cell).</summary>
public sealed class EntityMailboxTests
{
    [Fact]
    public async Task Container_group_and_name_entities_run_on_the_compact_queue()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var web = await harness.Host.CreateAsync(HostHarness.FakeSpec("web"), start: true);
        await harness.Host.CreateGroupAsync("stack", GroupStrategy.OneForAll, ["web"], null);

        var system = harness.Host.System;
        // Regions also hold other actors at that depth (coordinators, remember-entities stores): only ours count.
        var found = (await IdentifyAllAsync(system, "/system/sharding/*/*/*"))
            .Where(actor => CellOf(actor).Props.Type.Namespace == typeof(Supervision.Actors.ContainerEntity).Namespace).ToList();
        var regions = found.Select(e => e.Path.Parent.Parent.Name).Distinct().ToList();
        Assert.Contains(found, e => e.Path.Name == web.Id);
        Assert.True(regions.Count >= 2, "entities found only in the regions " + string.Join(", ", regions));
        Assert.All(found, entity =>
            Assert.IsType<CompactDequeMessageQueue>(CellOf(entity).Mailbox!.MessageQueue));
        // A name's entity lives only while its claim is under way: its region creates it from these props.
        var nameProps = NameEntity.PropsFor("web", () => ActorRefs.Nobody, new ContainerDirectory("test-node", harness.Host.Metrics), TimeSpan.FromSeconds(1));
        Assert.Equal(CompactDequeMailbox.Id, nameProps.Mailbox);
    }

    private static ActorCell CellOf(IActorRef actor) => (ActorCell)((ActorRefWithCell)actor).Underlying;

    /// <summary>Every local actor the selection names, gathered until the replies stop for a while.</summary>
    private static async Task<List<IActorRef>> IdentifyAllAsync(ActorSystem system, string path)
    {
        var inbox = Inbox.Create(system);
        system.ActorSelection(path).Tell(new Identify(path), inbox.Receiver);
        var found = new List<IActorRef>();
        while (true)
        {
            try
            {
                if (await inbox.ReceiveAsync(TimeSpan.FromSeconds(2)) is ActorIdentity { Subject: { } subject }) found.Add(subject);
            }
            catch (TimeoutException)
            {
                return found;
            }
        }
    }
}
