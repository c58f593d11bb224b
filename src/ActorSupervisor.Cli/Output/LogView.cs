using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Output;

/// <summary>How log lines print: the workload's stderr lines go to stderr, as <c>docker logs</c> does.</summary>
internal static class LogView
{
    public static void Write(CliOutput output, LogLine line, bool timestamps)
    {
        if (output.IsJson)
        {
            output.JsonLine(line, ApiJsonContext.Default.LogLine);
            return;
        }
        var text = timestamps ? $"{TextFormat.Time(line.Time)} {line.Text}" : line.Text;
        if (line.Stream == "stderr")
        {
            output.Error.WriteLine(text);
            output.Error.Flush();
        }
        else
        {
            output.Line(text);
        }
    }
}
