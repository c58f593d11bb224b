using ActorSupervisor.Cli.App;

return await AsvApp.Create(CliEnvironment.FromProcess()).RunAsync(args);
