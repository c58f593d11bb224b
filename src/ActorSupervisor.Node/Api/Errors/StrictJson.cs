using System.Text;
using System.Text.Json;

namespace ActorSupervisor.Node.Api.Errors;

/// <summary>
/// The API's request bodies are plain JSON (RFC 8259): no comments, no trailing commas and no field given twice
/// (which value would win is exactly what a proxy and the node could disagree on). <see cref="Check"/> reads the
/// body once before it is bound and names the first problem with its field path, line and byte.
/// </summary>
internal static class StrictJson
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    /// <summary>Throws a 400 naming the problem when <paramref name="body"/> is not strict JSON.</summary>
    /// <exception cref="ApiProblemException">A comment, a trailing comma, a duplicate field or a syntax error.</exception>
    public static void Check(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, Options);
        var scopes = new Stack<Scope>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString()!;
                        var scope = scopes.Peek();
                        if (!scope.Names!.Add(property))
                            throw Problem(Field(scopes, property), $"the field \"{property}\" is given twice; give each field once", reader, body);
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(scopes);
                        var path = scopes.Count == 0 ? "" : Field(scopes, property);
                        scopes.Push(new Scope(path, reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null));
                        property = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        scopes.Pop();
                        break;
                    default:
                        Advance(scopes);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var at = (int)Math.Min(reader.BytesConsumed, body.Length);
            var rest = body[at..].TrimStart(" \t\r\n"u8);
            var problem = rest.StartsWith("/"u8) || rest.StartsWith("#"u8)
                ? "comments are not allowed in a request body"
                : e.Message.Contains("trailing comma", StringComparison.OrdinalIgnoreCase)
                    ? "trailing commas are not allowed in a request body"
                    : Cut(e.Message);
            // Syntax is about the body, not a field: the line and byte say where.
            throw Problem("body", problem, reader, body);
        }
    }

    // Counts array elements so a field inside one is named containers[2].name.
    private static void Advance(Stack<Scope> scopes)
    {
        if (scopes.TryPeek(out var scope) && scope.Names is null)
            scope.Index++;
    }

    // The path of the current element: spec.healthcheck.interval, containers[2].name, or body for the root.
    private static string Field(Stack<Scope> scopes, string? property)
    {
        var scope = scopes.Peek();
        var field = scope.Names is null
            ? $"{scope.Path}[{Math.Max(scope.Index, 0)}]"
            : property is null ? scope.Path : scope.Path.Length == 0 ? property : $"{scope.Path}.{property}";
        return field.Length == 0 ? "body" : field;
    }

    private static ApiProblemException Problem(string field, string message, Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        var (line, column) = Position(body, (int)Math.Min(reader.BytesConsumed, body.Length));
        return ApiProblemException.InvalidArgument(field, null, $"{message} (line {line}, byte {column})");
    }

    private static (int Line, int Column) Position(ReadOnlySpan<byte> body, int offset)
    {
        var before = body[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (line, offset - lastNewline);
    }

    private static string Cut(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.', ' ') : message;
    }

    private sealed class Scope(string path, HashSet<string>? names)
    {
        public string Path { get; } = path;
        public HashSet<string>? Names { get; } = names;
        public int Index { get; set; } = -1;
    }
}
