namespace ActorSupervisor.Cli.App;

/// <summary>Input the user gave (a flag's value, a spec file) is wrong; exits with <see cref="ExitCodes.Usage"/> before anything is sent.</summary>
internal sealed class UsageException(string message) : Exception(message);
