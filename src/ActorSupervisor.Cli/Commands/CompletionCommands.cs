using System.CommandLine;

namespace ActorSupervisor.Cli.Commands;

/// <summary><c>completion bash|zsh</c>: shell scripts that ask <c>asv</c> itself for completions through the <c>[suggest]</c> directive.</summary>
internal static class CompletionCommands
{
    public const string Bash = """
        # asv completion for bash. Load with: source <(asv completion bash)
        _asv_complete()
        {
            local IFS=$'\n'
            local line="${COMP_LINE:0:COMP_POINT}"
            COMPREPLY=( $("${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null) )
        }
        complete -o default -F _asv_complete asv ./asv

        """;

    public const string Zsh = """
        #compdef asv
        # asv completion for zsh. Load with: source <(asv completion zsh)
        _asv() {
            local -a candidates
            candidates=("${(@f)$(${words[1]} "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
            compadd -a candidates
        }
        compdef _asv asv ./asv

        """;

    public static Command Build()
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var completion = new Command("completion", "Print a tab-completion script: source <(asv completion bash)");
        completion.Arguments.Add(shell);
        completion.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(parse.GetRequiredValue(shell) == "bash" ? Bash : Zsh);
            return 0;
        });
        return completion;
    }
}
