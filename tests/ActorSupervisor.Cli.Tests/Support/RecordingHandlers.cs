using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Handlers;

namespace ActorSupervisor.Cli.Tests.Support;

/// <summary>Handlers that only remember what the parser gave them, to test parsing alone.</summary>
internal sealed class RecordingHandlers : IContainerHandler, IEventsHandler, IApplyHandler, INodeHandler, IWorkloadHandler
{
    public GlobalSettings? Settings { get; private set; }

    public string? Method { get; private set; }

    public object? Request { get; private set; }

    public AsvHandlers All => new(this, this, this, this, this);

    public T RequestAs<T>() => Assert.IsType<T>(Request);

    public Task<int> RunAsync(GlobalSettings settings, RunRequest request, CancellationToken cancellationToken) => Record(settings, request);

    public Task<int> PsAsync(GlobalSettings settings, PsRequest request, CancellationToken cancellationToken) => Record(settings, request);

    public Task<int> InspectAsync(GlobalSettings settings, InspectRequest request, CancellationToken cancellationToken) => Record(settings, request);

    public Task<int> LogsAsync(GlobalSettings settings, LogsRequest request, CancellationToken cancellationToken) => Record(settings, request);

    public Task<int> HistoryAsync(GlobalSettings settings, HistoryRequest request, CancellationToken cancellationToken) => Record(settings, request);

    public Task<int> LifecycleAsync(GlobalSettings settings, LifecycleRequest request, CancellationToken cancellationToken) => Record(settings, request);

    public Task<int> ExecAsync(GlobalSettings settings, ExecRequest request, CancellationToken cancellationToken) => Record(settings, request);

    public Task<int> StatsAsync(GlobalSettings settings, StatsRequest request, CancellationToken cancellationToken) => Record(settings, request);

    public Task<int> EventsAsync(GlobalSettings settings, EventsRequest request, CancellationToken cancellationToken) => Record(settings, request);

    public Task<int> ApplyAsync(GlobalSettings settings, ApplyRequest request, CancellationToken cancellationToken) => Record(settings, request);

    public Task<int> ShowAsync(GlobalSettings settings, NodeView view, CancellationToken cancellationToken) => Record(settings, view);

    public Task<int> ClusterAsync(GlobalSettings settings, ClusterCommand command, CancellationToken cancellationToken) => Record(settings, command);

    public Task<int> ActorsAsync(GlobalSettings settings, bool all, CancellationToken cancellationToken) => Record(settings, all);

    public Task<int> LogsAsync(GlobalSettings settings, NodeLogsRequest request, CancellationToken cancellationToken) => Record(settings, request);

    private Task<int> Record(GlobalSettings settings, object request, [System.Runtime.CompilerServices.CallerMemberName] string method = "")
    {
        Settings = settings;
        Method = method;
        Request = request;
        return Task.FromResult(0);
    }
}
