using System.CommandLine;
using ActorSupervisor.Cli.Output;

namespace ActorSupervisor.Cli.Commands;

/// <summary>
/// <c>asv man</c> (hidden: a packaging step, not an everyday command): prints asv(1) in roff, generated from the command tree.
/// <c>asv man &gt; /usr/local/share/man/man1/asv.1</c>, or read it at once with <c>asv man | man -l -</c>.
/// </summary>
internal static class ManCommands
{
    public static Command Build()
    {
        var man = new Command("man", "Print asv's manual page (roff) generated from its commands: asv man | man -l -") { Hidden = true };
        man.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(ManPage.Render((RootCommand)parse.RootCommandResult.Command));
            return 0;
        });
        return man;
    }
}
