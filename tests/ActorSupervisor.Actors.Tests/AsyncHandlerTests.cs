using ActorSupervisor.Actors;

namespace ActorSupervisor.Actors.Tests;

public sealed class AsyncHandlerTests : TestKit.TestKit
{
    private sealed class Worker(IActorRef probe, Func<string, Task> work) : ActorBase
    {
        protected override bool Receive(object message)
        {
            var text = (string)message;
            RunTask(async () =>
            {
                probe.Tell($"begin {text}", null);
                await work(text);
                probe.Tell($"end {text} for {Sender.Path.Name}", Self); // Sender and Self still valid after the await
            });
            return true;
        }
    }

    [Fact]
    public void The_actor_takes_no_other_message_until_the_handler_task_completes()
    {
        var gates = new Dictionary<string, TaskCompletionSource>
        {
            ["a"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["b"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var actor = Sys.ActorOf(Props.Create(() => new Worker(TestActor.Ref, t => gates[t].Task)));
        actor.Tell("a", TestActor.Ref);
        actor.Tell("b", TestActor.Ref);
        ExpectMsg("begin a");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        gates["a"].SetResult();
        ExpectMsg("end a for testActor");
        Assert.Equal(actor, LastSender);
        ExpectMsg("begin b");
        gates["b"].SetResult();
        ExpectMsg("end b for testActor");
    }

    [Fact]
    public void A_faulted_handler_task_is_a_failure_like_any_other()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Worker(TestActor.Ref, async t =>
        {
            await Task.Yield();
            if (t == "bad") throw new InvalidOperationException("async boom");
        })));
        actor.Tell("bad", TestActor.Ref);
        actor.Tell("good", TestActor.Ref);
        ExpectMsg("begin bad");
        ExpectMsg("begin good"); // restarted (default strategy) and went on with the next message
        ExpectMsg("end good for testActor");
        Assert.Contains(Logs.Entries, e => e.Exception is InvalidOperationException { Message: "async boom" });
    }
}
