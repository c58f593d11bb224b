using ActorSupervisor.Actors;

namespace ActorSupervisor.Actors.Tests;

public sealed class EventStreamTests : TestKit.TestKit
{
    private sealed record Base(int N);

    private sealed class Quiet : ActorBase
    {
        protected override bool Receive(object message) => message is "known";
    }

    [Fact]
    public void Subscribers_get_what_they_subscribed_to_until_they_unsubscribe()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(Base));
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(Base)); // twice is once
        Sys.EventStream.Publish(new Base(1));
        Sys.EventStream.Publish("not a Base");
        ExpectMsg(new Base(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Sys.EventStream.Unsubscribe(TestActor.Ref);
        Sys.EventStream.Publish(new Base(2));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Unhandled_messages_are_published()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create<Quiet>());
        actor.Tell("known", null);
        actor.Tell("unknown", null);
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal("unknown", unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
    }
}
