using ActorSupervisor.Actors;

namespace ActorSupervisor.Actors.Tests;

public sealed class TimerTests : TestKit.TestKit
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    private sealed class Ticker(IActorRef probe) : ActorBase
    {
        protected override bool Receive(object message)
        {
            switch (message)
            {
                case ("single", string key, TimeSpan delay): Timers.StartSingleTimer(key, $"tick {key}", delay); break;
                case ("periodic", string key, TimeSpan interval): Timers.StartPeriodicTimer(key, $"tick {key}", interval); break;
                case ("cancel", string key): Timers.Cancel(key); break;
                case ("replace", string key, TimeSpan delay): Timers.StartSingleTimer(key, $"replaced {key}", delay); break;
                case "boom": throw new InvalidOperationException("boom");
                case "active": probe.Tell(string.Join(",", Timers.ActiveTimers.Order()), null); return true;
                case string tick: probe.Tell(tick, null); return true;
                default: return false;
            }
            probe.Tell("ok", null);
            return true;
        }
    }

    private IActorRef StartTicker()
    {
        return Sys.ActorOf(Props.Create(() => new Ticker(TestActor.Ref)));
    }

    private void Command(IActorRef ticker, object command)
    {
        ticker.Tell(command, null);
        ExpectMsg("ok");
    }

    [Fact]
    public void A_single_timer_fires_once_on_virtual_time()
    {
        var ticker = StartTicker();
        Command(ticker, ("single", "a", TimeSpan.FromSeconds(10)));
        Time.Advance(TimeSpan.FromSeconds(9.999));
        ExpectNoMsg(Quiet);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("tick a");
        Time.Advance(TimeSpan.FromMinutes(1));
        ExpectNoMsg(Quiet);
        ticker.Tell("active", null);
        ExpectMsg("");
    }

    [Fact]
    public void A_periodic_timer_fires_every_interval_until_cancelled()
    {
        var ticker = StartTicker();
        Command(ticker, ("periodic", "p", TimeSpan.FromSeconds(1)));
        Time.Advance(TimeSpan.FromSeconds(3));
        ExpectMsg("tick p");
        ExpectMsg("tick p");
        ExpectMsg("tick p");
        Command(ticker, ("cancel", "p"));
        Time.Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Starting_a_timer_with_a_used_key_replaces_it_and_a_stale_tick_is_not_delivered()
    {
        var ticker = StartTicker();
        Command(ticker, ("single", "k", TimeSpan.FromSeconds(1)));
        Command(ticker, ("replace", "k", TimeSpan.FromSeconds(2)));
        Time.Advance(TimeSpan.FromSeconds(1));
        ExpectNoMsg(Quiet);
        Time.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("replaced k");
    }

    [Fact]
    public void Timers_are_cancelled_on_restart_and_on_stop()
    {
        var ticker = StartTicker();
        Command(ticker, ("periodic", "p", TimeSpan.FromSeconds(1)));
        Command(ticker, ("single", "s", TimeSpan.FromSeconds(1)));
        ticker.Tell("boom", null);
        ticker.Tell("active", null);
        ExpectMsg(""); // the restarted instance has no timers
        Assert.Equal(0, Time.ArmedTimers);
        Time.Advance(TimeSpan.FromSeconds(3));
        ExpectNoMsg(Quiet);

        Command(ticker, ("periodic", "p", TimeSpan.FromSeconds(1)));
        Watch(ticker);
        Sys.Stop(ticker);
        ExpectTerminated(ticker);
        Assert.Equal(0, Time.ArmedTimers);
    }
}
