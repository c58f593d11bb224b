using System.Diagnostics;
using ActorSupervisor.Actors;
using Xunit.Sdk;

namespace ActorSupervisor.TestKit;

/// <summary>
/// Base class for actor tests (the Akka.TestKit.Xunit2 equivalent): each test class instance gets its own
/// <see cref="ActorSystem"/> on a <see cref="ManualTimeProvider"/> (advance <see cref="Time"/> to fire
/// timers), a default probe <see cref="TestActor"/> whose expectations are available directly, and a
/// <see cref="Logs"/> capture. The system is terminated on dispose.
/// </summary>
/// <example>
/// <code>
/// public sealed class CounterTests : TestKit
/// {
///     [Fact]
///     public void Counts()
///     {
///         var counter = Sys.ActorOf(Props.Create&lt;Counter&gt;());
///         counter.Tell("inc", TestActor.Ref);
///         counter.Tell("get", TestActor.Ref);
///         ExpectMsg&lt;int&gt;(n => n == 1);
///     }
/// }
/// </code>
/// </example>
public abstract class TestKit : IDisposable
{
    private static readonly TimeSpan DefaultExpectTimeout = TimeSpan.FromSeconds(5);
    private int _probeCounter;

    /// <summary>Creates the system; when <paramref name="settings"/> is null it runs on a new manual clock and logs to <see cref="Logs"/>.</summary>
    /// <param name="settings">Settings for the system under test; their logger factory is replaced by <see cref="Logs"/>.</param>
    /// <param name="systemName">The system's name; "test" when null.</param>
    protected TestKit(ActorSystemSettings? settings = null, string? systemName = null)
    {
        Logs = new LogCapture();
        settings ??= new ActorSystemSettings { TimeProvider = new ManualTimeProvider() };
        Sys = ActorSystem.Create(systemName ?? "test", settings with { LoggerFactory = Logs });
        TestActor = CreateTestProbe("testActor");
    }

    /// <summary>The system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The system's clock, when it is a manual one (the default).</summary>
    /// <exception cref="InvalidOperationException">The test passed settings with another clock.</exception>
    public ManualTimeProvider Time => Sys.Time as ManualTimeProvider
        ?? throw new InvalidOperationException("this test's system does not run on a ManualTimeProvider");

    /// <summary>Everything the system logged.</summary>
    public LogCapture Logs { get; }

    /// <summary>The default probe: the kit's own expectation methods read its queue.</summary>
    public TestProbe TestActor { get; }

    /// <summary>The sender of the last message <see cref="TestActor"/> took.</summary>
    public IActorRef LastSender => TestActor.LastSender;

    /// <summary>Creates another probe in the system.</summary>
    public TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, name ?? $"testProbe-{Interlocked.Increment(ref _probeCounter)}", DefaultExpectTimeout);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(Func{T, bool}?, TimeSpan?)"/>
    public T ExpectMsg<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null) => TestActor.ExpectMsg(predicate, timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(T, TimeSpan?)"/>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull => TestActor.ExpectMsg(expected, timeout);

    /// <inheritdoc cref="TestProbe.ExpectNoMsg"/>
    public void ExpectNoMsg(TimeSpan duration) => TestActor.ExpectNoMsg(duration);

    /// <inheritdoc cref="TestProbe.ExpectTerminated"/>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) => TestActor.ExpectTerminated(target, timeout);

    /// <inheritdoc cref="TestProbe.FishForMessage{T}"/>
    public T FishForMessage<T>(Func<T, bool> isTarget, TimeSpan? timeout = null) => TestActor.FishForMessage(isTarget, timeout);

    /// <inheritdoc cref="TestProbe.ReceiveN"/>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null) => TestActor.ReceiveN(count, timeout);

    /// <inheritdoc cref="TestProbe.Watch"/>
    public IActorRef Watch(IActorRef subject) => TestActor.Watch(subject);

    /// <inheritdoc cref="TestProbe.Unwatch"/>
    public IActorRef Unwatch(IActorRef subject) => TestActor.Unwatch(subject);

    /// <inheritdoc cref="TestProbe.Within(TimeSpan, Action)"/>
    public void Within(TimeSpan max, Action action) => TestActor.Within(max, action);

    /// <inheritdoc cref="TestProbe.Within(TimeSpan, TimeSpan, Action)"/>
    public void Within(TimeSpan min, TimeSpan max, Action action) => TestActor.Within(min, max, action);

    /// <summary>
    /// Retries <paramref name="assertion"/> until it passes or <paramref name="duration"/> (wall clock, default 5 s)
    /// runs out, then rethrows its last failure.
    /// </summary>
    public static void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var deadline = Stopwatch.StartNew();
        var limit = duration ?? DefaultExpectTimeout;
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (deadline.Elapsed < limit)
            {
                Thread.Sleep(interval ?? TimeSpan.FromMilliseconds(10));
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, or fails after <paramref name="duration"/> (wall clock, default 5 s).</summary>
    public static void AwaitCondition(Func<bool> condition, TimeSpan? duration = null, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        AwaitAssert(() =>
        {
            if (!condition()) throw new XunitException($"condition not met{(because is null ? "" : ": " + because)}");
        }, duration);
    }

    /// <summary>Terminates the system and waits (up to 10 s) for it.</summary>
    public void Dispose()
    {
        Sys.Terminate().Wait(TimeSpan.FromSeconds(10));
        GC.SuppressFinalize(this);
    }
}
