using System.Security.Cryptography;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Parsing;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Supervision.Actors;
using ActorSupervisor.Supervision.Persistence;
using Akka.Actor;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary><see cref="IContainerService"/>: commands go through the region to the container actors; reads come from the directory.</summary>
public sealed partial class ContainerHost
{
    private const int IdLength = 64;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The spec is invalid (every problem is listed) or names a runtime this node lacks.</exception>
    /// <exception cref="ContainerUnavailableException">The host is not running.</exception>
    public async Task<ContainerSnapshot> CreateAsync(ContainerSpec spec, bool start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        EnsureAccepting(spec.Name);
        if (_options.DefaultBackoff is { } backoff && spec.Backoff == Backoff.Default) spec = spec with { Backoff = backoff };
        var errors = SpecValidator.Validate(spec);
        if (errors.Count > 0) throw new ArgumentException("invalid container spec: " + string.Join("; ", errors), nameof(spec));
        if (!_runtimes.ContainsKey(spec.Runtime))
            throw new ArgumentException($"runtime '{spec.Runtime}' is not available on node {_options.NodeId}; available: {string.Join(", ", _runtimes.Keys)}", nameof(spec));
        var id = NewId();
        var created = await ClaimAndCreateAsync(spec.Name, id, new ContainerCommand.Create(spec), cancellationToken).ConfigureAwait(false);
        return start ? await SendToAsync(id, new ContainerCommand.Start(), cancellationToken).ConfigureAwait(false) : Snapshot(id, created);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The command is a create (use <see cref="CreateAsync"/>).</exception>
    /// <exception cref="ContainerUnavailableException">The host is not running, or the container's actor is recovering from a failure.</exception>
    public Task<ContainerSnapshot> SendAsync(string nameOrId, ContainerCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        ArgumentNullException.ThrowIfNull(command);
        if (command is ContainerCommand.Create) throw new ArgumentException("create containers with CreateAsync, not SendAsync", nameof(command));
        EnsureAccepting(nameOrId);
        return SendToAsync(Resolve(nameOrId), command, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ContainerSnapshot> InspectAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        var id = Resolve(nameOrId);
        return _directory.TryGet(id, out var entry)
            ? Task.FromResult(Snapshot(id, entry))
            : Task.FromException<ContainerSnapshot>(new ContainerNotFoundException(nameOrId));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ContainerSnapshot>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ContainerSnapshot>>(_directory.All
            .Where(entry => entry.Value.State.Status is not (ContainerStatus.Removed or ContainerStatus.None))
            .Select(entry => Snapshot(entry.Key, entry.Value))
            .OrderBy(snapshot => snapshot.State.CreatedAt).ThenBy(snapshot => snapshot.Name, StringComparer.Ordinal)
            .ToList());

    /// <inheritdoc />
    public async Task<IReadOnlyList<ContainerHistoryEntry>> HistoryAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        var id = Resolve(nameOrId);
        var history = new List<ContainerHistoryEntry>();
        await foreach (var stored in Events.ReadContainerAsync(id, cancellationToken).ConfigureAwait(false))
            if (stored.Event is ContainerEvent e) history.Add(new ContainerHistoryEntry(stored.SequenceNr, e));
        return history;
    }

    private async Task<ContainerSnapshot> SendToAsync(string id, ContainerCommand command, CancellationToken cancellationToken)
    {
        var reply = await AskAsync(id, command, cancellationToken).ConfigureAwait(false);
        return Snapshot(id, reply);
    }

    private async Task<ContainerReply> AskAsync(string id, ContainerCommand command, CancellationToken cancellationToken)
    {
        var stopTimeout = command switch
        {
            ContainerCommand.Stop { Timeout: { } t } => t,
            ContainerCommand.Restart { Timeout: { } t } => t,
            _ => _directory.TryGet(id, out var entry) && entry.State.Spec is { } spec ? spec.StopTimeout : TimeSpan.Zero,
        };
        Metrics.CommandSent();
        try
        {
            var answer = await AskStoredAsync(_region!, new ContainerEnvelope(id, new ContainerRequest(command)), _options.CommandTimeout + stopTimeout, id, cancellationToken)
                .ConfigureAwait(false);
            return Answer(id, answer);
        }
        catch (AskTimeoutException)
        {
            throw new ContainerUnavailableException(id, $"it did not answer within {_options.CommandTimeout + stopTimeout}; the command may still complete");
        }
        finally
        {
            Metrics.CommandAnswered();
        }
    }

    /// <summary>
    /// The entity's answer: its reply, recorded in the directory (it may come from another node, ahead of the pub-sub
    /// message with the same state), or its failure as the exception the API maps.
    /// </summary>
    private ContainerReply Answer(string id, object answer)
    {
        switch (answer)
        {
            case ContainerReply reply:
                _directory.Publish(id, reply.State, reply.SequenceNr, reply.Node);
                return reply;
            case ContainerFailure failure:
                throw failure.ToException();
            default:
                throw new InvalidOperationException($"container {id} answered with an unexpected {answer.GetType().Name}");
        }
    }

    private string Resolve(string nameOrId) => _directory.Resolve(nameOrId) ?? throw new ContainerNotFoundException(nameOrId);

    private void EnsureAccepting(string target)
    {
        var phase = Volatile.Read(ref _phase);
        if (phase != 2)
            throw new ContainerUnavailableException(target, phase < 2 ? "the node is still starting" : "the node is shutting down");
    }

    private string NewId()
    {
        while (true)
        {
            var id = RandomNumberGenerator.GetHexString(IdLength, lowercase: true);
            if (!_directory.ContainsId(id)) return id;
        }
    }

    private static ContainerSnapshot Snapshot(string id, DirectoryEntry entry) => Snapshot(id, entry.State, entry.Node);

    private static ContainerSnapshot Snapshot(string id, ContainerReply reply) => Snapshot(id, reply.State, reply.Node);

    private static ContainerSnapshot Snapshot(string id, ContainerState state, string node) => new(id, state.Spec?.Name ?? "", node, state);
}
