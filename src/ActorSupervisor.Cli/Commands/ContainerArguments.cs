using System.CommandLine;

namespace ActorSupervisor.Cli.Commands;

/// <summary>The container arguments the verbs share.</summary>
internal static class ContainerArguments
{
    /// <summary>One required container name or id.</summary>
    public static Argument<string> One() => new("container") { Description = "Container name or id" };

    /// <summary>One or more container names or ids.</summary>
    public static Argument<string[]> Many(string description) =>
        new("containers") { Description = description, Arity = ArgumentArity.OneOrMore };
}
