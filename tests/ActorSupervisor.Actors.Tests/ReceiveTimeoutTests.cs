using ActorSupervisor.Actors;

namespace ActorSupervisor.Actors.Tests;

public sealed class ReceiveTimeoutTests : TestKit.TestKit
{
    private sealed class Sleepy(IActorRef probe) : ActorBase
    {
        protected override void PreStart()
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(30));
            probe.Tell("armed", null);
        }

        protected override bool Receive(object message)
        {
            switch (message)
            {
                case ReceiveTimeout: probe.Tell("timeout", null); return true;
                case "off": Context.SetReceiveTimeout(null); probe.Tell("off", null); return true;
                default: probe.Tell(message, null); return true;
            }
        }
    }

    [Fact]
    public void ReceiveTimeout_arrives_after_a_quiet_span_and_each_message_restarts_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor.Ref)));
        ExpectMsg("armed");
        Time.Advance(TimeSpan.FromSeconds(20));
        actor.Tell("poke", null);
        ExpectMsg("poke");
        Time.Advance(TimeSpan.FromSeconds(20)); // 40 s since start, only 20 since the poke
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Time.Advance(TimeSpan.FromSeconds(10));
        ExpectMsg("timeout");
        Time.Advance(TimeSpan.FromSeconds(30));
        ExpectMsg("timeout");
        actor.Tell("off", null);
        ExpectMsg("off");
        Time.Advance(TimeSpan.FromMinutes(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
