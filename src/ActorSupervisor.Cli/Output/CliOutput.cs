using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorSupervisor.Cli.App;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorSupervisor.Cli.Output;

/// <summary>
/// Where a command prints: a Spectre console for tables (colour and fitted width only on a terminal),
/// JSON written straight to stdout, and stderr for warnings.
/// </summary>
internal sealed class CliOutput
{
    // Tables never wrap (docker ps does not): they are laid out on an unbounded line and the views cut
    // their one long column to the terminal's width themselves (PlainTable.Fitted). Off a terminal, or on
    // one whose width is unknown, nothing is cut: scripts read whole lines.
    private const int UnboundedWidth = 4096;

    private static readonly JsonWriterOptions IndentedWriter = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly CliEnvironment environment;

    public CliOutput(CliEnvironment environment, OutputFormat format)
    {
        this.environment = environment;
        Format = format;
        Console = CreateConsole(environment.Out, environment.TerminalWidth ?? 80);
    }

    public OutputFormat Format { get; }

    public bool IsJson => Format == OutputFormat.Json;

    public bool IsWide => Format == OutputFormat.Wide;

    private IAnsiConsole Console { get; }

    public DateTimeOffset Now => environment.Time.GetUtcNow();

    /// <summary>The terminal's width, or null off a terminal or when the terminal does not say, where lines are never cut.</summary>
    public int? TerminalWidth => environment.OutputIsTerminal ? environment.TerminalWidth : null;

    /// <summary>Indented JSON of an API type: the stable form for scripts.</summary>
    public void Json<T>(T value, JsonTypeInfo<T> type)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, IndentedWriter)) JsonSerializer.Serialize(writer, value, type);
        environment.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        environment.Out.Flush();
    }

    /// <summary>One compact JSON object per line, for streams that scripts read line by line.</summary>
    public void JsonLine<T>(T value, JsonTypeInfo<T> type)
    {
        environment.Out.WriteLine(JsonSerializer.Serialize(value, type));
        environment.Out.Flush();
    }

    public void Line(string text)
    {
        environment.Out.WriteLine(text);
        environment.Out.Flush();
    }

    /// <summary>Renders a table or grid; Spectre pads every cell, so trailing blanks are cut from each line.</summary>
    public void Render(IRenderable renderable)
    {
        using var buffer = new StringWriter();
        CreateConsole(buffer, UnboundedWidth).Write(renderable);
        foreach (var line in buffer.ToString().Split('\n'))
        {
            if (line.Length > 0) environment.Out.WriteLine(line.TrimEnd(' '));
        }
        environment.Out.Flush();
    }

    public TextWriter Error => environment.Error;

    private IAnsiConsole CreateConsole(TextWriter writer, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = environment.UseColour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = environment.UseColour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = environment.OutputIsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        return console;
    }

    /// <summary>Runs <paramref name="work"/> under a spinner on a terminal, silently elsewhere.</summary>
    public async Task<T> SpinAsync<T>(string status, Func<Task<T>> work)
    {
        if (!environment.OutputIsTerminal || IsJson) return await work();
        return await Console.Status().Spinner(Spinner.Known.Dots).StartAsync(status, _ => work());
    }
}
