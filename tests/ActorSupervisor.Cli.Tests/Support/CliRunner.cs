using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Handlers;
using ActorSupervisor.Client;
using Microsoft.Extensions.Time.Testing;

namespace ActorSupervisor.Cli.Tests.Support;

/// <summary>Runs asv in-process with captured output, a fixed clock, and either recording handlers or a fake node client.</summary>
internal sealed class CliRunner
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 3, 10, 0, TimeSpan.Zero);

    public Dictionary<string, string> Variables { get; } = new();

    public bool Terminal { get; init; }

    public int? Width { get; init; } = 120;

    public FakeTimeProvider Time { get; } = new(Now);

    public List<GlobalSettings> ClientsMade { get; } = [];

    public Task<CliResult> RunAsync(IActorSupervisorClient client, params string[] args) => RunAsync(client, CancellationToken.None, args);

    /// <summary>Runs with a token that stands for Ctrl+C.</summary>
    public async Task<CliResult> RunAsync(IActorSupervisorClient client, CancellationToken interrupt, params string[] args)
    {
        var environment = Environment(client);
        return await RunAsync(new AsvApp(environment, DefaultHandlers.Create(environment)), environment, args, interrupt);
    }

    public async Task<CliResult> RunAsync(AsvHandlers handlers, params string[] args)
    {
        var environment = Environment(new FakeNodeClient());
        return await RunAsync(new AsvApp(environment, handlers), environment, args, CancellationToken.None);
    }

    private static async Task<CliResult> RunAsync(AsvApp app, CliEnvironment environment, string[] args, CancellationToken interrupt)
    {
        var code = await app.RunAsync(args, interrupt);
        return new CliResult(code, environment.Out.ToString()!, environment.Error.ToString()!);
    }

    private CliEnvironment Environment(IActorSupervisorClient client) => new()
    {
        Out = new StringWriter(),
        Error = new StringWriter(),
        OutputIsTerminal = Terminal,
        TerminalWidth = Width,
        Variables = name => Variables.GetValueOrDefault(name),
        Time = Time,
        ClientFactory = settings =>
        {
            ClientsMade.Add(settings);
            return client;
        },
    };
}
