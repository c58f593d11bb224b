using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Actors;
using ActorSupervisor.Supervision.Sharding;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>The host's side of cluster-wide names: the <c>container-name</c> shard region and the claim a create makes.</summary>
public sealed partial class ContainerHost
{
    private IActorRef? _names;

    /// <summary>
    /// Starts the name region. Its entities are not remembered (a name entity has nothing to supervise, it comes back
    /// with the next claim) and stop when idle.
    /// </summary>
    private async Task StartNamesAsync()
    {
        var containers = _region!;
        var timeout = _options.CommandTimeout;
        _names = await ClusterSharding.Get(_system!).StartAsync(NameMessageExtractor.TypeName,
            name => NameEntity.PropsFor(name, () => containers, _directory, timeout),
            ClusterShardingSettings.Create(_system!).WithRememberEntities(false),
            new NameMessageExtractor(_options.ShardCount)).ConfigureAwait(false);
    }

    /// <summary>Claims <paramref name="name"/> for the new container <paramref name="id"/> and creates it: the container's answer.</summary>
    /// <exception cref="ContainerNameConflictException">Another container has the name.</exception>
    private async Task<ContainerReply> ClaimAndCreateAsync(string name, string id, ContainerCommand.Create create, CancellationToken cancellationToken)
    {
        // The name entity asks the holder, then the new container, each within the command timeout.
        var timeout = _options.CommandTimeout * 2 + TimeSpan.FromSeconds(1);
        Metrics.CommandSent();
        object answer;
        try
        {
            answer = await AskStoredAsync(_names!, new ClaimName(name, id, create), timeout, id, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new ContainerUnavailableException(id, $"the claim of the name \"{name}\" got no answer within {timeout}; the create may still complete");
        }
        finally
        {
            Metrics.CommandAnswered();
        }
        return answer switch
        {
            NameTaken taken => throw new ContainerNameConflictException(taken.Name, taken.HolderId),
            _ => Answer(id, answer),
        };
    }
}
