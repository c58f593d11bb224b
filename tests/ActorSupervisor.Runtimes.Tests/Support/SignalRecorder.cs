using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Containers.Runtimes;

namespace ActorSupervisor.Runtimes.Tests.Support;

/// <summary>Reads a runtime's signal stream in the background and lets a test wait, with a deadline, for one to arrive.</summary>
public sealed class SignalRecorder
{
    private readonly List<RuntimeSignal> _seen = [];
    private readonly Lock _gate = new();
    private readonly Task _reading;

    public SignalRecorder(IContainerRuntime runtime) => _reading = ReadAsync(runtime);

    public IReadOnlyList<RuntimeSignal> Seen
    {
        get { lock (_gate) return _seen.ToArray(); }
    }

    /// <summary>The signals for one container, in the order they came.</summary>
    public IReadOnlyList<RuntimeSignal> For(string containerId) => Seen.Where(s => s.ContainerId == containerId).ToArray();

    /// <summary>Waits until a signal of type <typeparamref name="T"/> for <paramref name="containerId"/> has come; fails at the deadline.</summary>
    public async Task<T> WaitForAsync<T>(string containerId, TimeSpan? within = null) where T : RuntimeSignal
    {
        var found = await Eventually.SomeAsync(() => For(containerId).OfType<T>().FirstOrDefault(),
            $"{typeof(T).Name} for {containerId}; seen: {string.Join(", ", For(containerId).Select(s => s.GetType().Name))}", within ?? TimeSpan.FromSeconds(20));
        return found;
    }

    private async Task ReadAsync(IContainerRuntime runtime)
    {
        await foreach (var signal in runtime.Signals.ReadAllAsync())
        {
            lock (_gate) _seen.Add(signal);
        }
    }
}
