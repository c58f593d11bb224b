using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Tests.Shared;

/// <summary>How a test creates a container on a young or loaded cluster, as a careful client would.</summary>
public static class ClusterCreates
{
    /// <summary>
    /// Creates and starts one container: a 503 (a shard still being allocated, its lease still being taken) is retried
    /// after a second, and so is no answer in time; when an earlier attempt's answer was lost but the container was
    /// made, the retry's name conflict finds it by name. Gives up after <paramref name="patience"/> (90 s by default).
    /// </summary>
    public static async Task<string> CreateRetryingAsync(this IActorSupervisorClient client, RawContainerSpec spec, Action<string> log, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(90));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await client.CreateContainerAsync(spec, start: true)).Id;
            }
            catch (Exception e) when ((e is ApiException { Code: ErrorCodes.Unavailable } or NodeUnreachableException) && DateTime.UtcNow < deadline)
            {
                // A loaded CI saw a create go unanswered for the client's 30 s: the retry tells whether it was made.
                log($"create {spec.Name}, attempt {attempt}: {e.Message}; retried");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            catch (ApiException e) when (e.Code == ErrorCodes.Conflict && attempt > 1)
            {
                var made = await client.InspectContainerAsync(spec.Name!);
                if (made.State != "running") await client.StartContainerAsync(made.Id);
                return made.Id;
            }
        }
    }
}
