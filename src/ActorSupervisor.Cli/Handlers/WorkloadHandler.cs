using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Output;
using ActorSupervisor.Client;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>The real <c>exec</c>: the command's bytes go to asv's own stdout and stderr unchanged, its exit code becomes asv's.</summary>
/// <param name="environment">The process around asv.</param>
/// <param name="standardStreams">Opens stdin, stdout and stderr as raw streams (the console's in the real asv).</param>
internal sealed class WorkloadHandler(CliEnvironment environment, Func<(Stream Input, Stream Output, Stream Error)> standardStreams)
    : HandlerBase(environment), IWorkloadHandler
{
    /// <summary>The handler on the real console.</summary>
    public static WorkloadHandler OnConsole(CliEnvironment environment) =>
        new(environment, () => (Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.OpenStandardError()));

    public async Task<int> ExecAsync(GlobalSettings settings, ExecRequest request, CancellationToken cancellationToken)
    {
        var (input, output, error) = standardStreams();
        await using (output)
        await using (error)
        {
            // What asv printed before must not come after the command's bytes.
            await Environment.Out.FlushAsync(cancellationToken);
            return await Client(settings).ExecAsync(request.Container, new ExecOptions(request.Command, request.Tty),
                request.Interactive ? input : null, output, error, cancellationToken);
        }
    }

    public async Task<int> StatsAsync(GlobalSettings settings, StatsRequest request, CancellationToken cancellationToken)
    {
        var client = Client(settings);
        var output = Output(settings);
        var previous = await client.GetStatsAsync(request.Containers, cancellationToken);
        try
        {
            do
            {
                // CPU % is the CPU time used between two readings: the first table comes one interval after the first reading, as Docker's does.
                await Task.Delay(StatsView.Interval, Environment.Time, cancellationToken);
                var current = await client.GetStatsAsync(request.Containers, cancellationToken);
                StatsView.Write(output, previous, current, clear: !request.NoStream && Environment.OutputIsTerminal);
                previous = current;
            }
            while (!request.NoStream);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !request.NoStream)
        {
            // Ctrl+C is how a user ends a live stats: a normal end, not a failure.
        }
        return ExitCodes.Ok;
    }
}
