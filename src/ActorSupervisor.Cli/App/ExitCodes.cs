namespace ActorSupervisor.Cli.App;

/// <summary>What <c>asv</c> returns to the shell.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>The node refused or failed the request; stderr has the node's explanation.</summary>
    public const int NodeRefused = 1;

    /// <summary>The command line or an input file is wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The node could not be reached; stderr names the address tried.</summary>
    public const int Unreachable = 3;

    /// <summary>Interrupted (Ctrl+C) before the command finished, as shells report SIGINT.</summary>
    public const int Interrupted = 130;
}
