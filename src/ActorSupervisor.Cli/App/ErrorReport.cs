using ActorSupervisor.Client;

namespace ActorSupervisor.Cli.App;

/// <summary>Writes the node's refusal: its message, then one line per offending field.</summary>
internal static class ErrorReport
{
    public static void Write(TextWriter error, ApiException exception, string? subject = null)
    {
        var prefix = subject is null ? "asv: error from node" : $"asv: {subject}";
        error.WriteLine($"{prefix}: {exception.Message} [{exception.Code}]");
        foreach (var detail in exception.Details)
        {
            var value = detail.Value is null ? "" : $" = '{detail.Value}'";
            error.WriteLine($"  {detail.Field}{value}: {detail.Message}");
        }
    }
}
