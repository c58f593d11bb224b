using System.CommandLine.Parsing;

namespace ActorSupervisor.Cli.Commands;

/// <summary>Checks <c>--filter KEY=VALUE</c> values against the keys a command knows.</summary>
internal static class FilterCheck
{
    public static void Check(OptionResult result, IReadOnlyList<string> keys)
    {
        foreach (var filter in result.GetValueOrDefault<string[]>() ?? [])
        {
            var equals = filter.IndexOf('=');
            var key = equals > 0 ? filter[..equals] : filter;
            if (equals <= 0 || equals == filter.Length - 1)
                result.AddError($"--filter '{filter}' must be KEY=VALUE with KEY one of {string.Join(", ", keys)}");
            else if (!keys.Contains(key))
                result.AddError($"--filter '{filter}': unknown key '{key}'; use one of {string.Join(", ", keys)}");
        }
    }
}
