using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Output;
using ActorSupervisor.Client;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>What every real handler needs: a client for the chosen node and an output in the chosen format.</summary>
internal abstract class HandlerBase(CliEnvironment environment)
{
    protected CliEnvironment Environment => environment;

    protected IActorSupervisorClient Client(GlobalSettings settings) => environment.ClientFactory(settings);

    protected CliOutput Output(GlobalSettings settings) => new(environment, settings.Output);

    /// <summary>
    /// Runs one step of a command over several containers: a refusal is reported and counted, so the
    /// other containers still get their turn (Docker's behaviour); an unreachable node stops everything.
    /// </summary>
    protected async Task<bool> TryAsync(string subject, Func<Task> step)
    {
        try
        {
            await step();
            return true;
        }
        catch (ApiException e)
        {
            ErrorReport.Write(environment.Error, e, subject);
            return false;
        }
    }
}
