using ActorSupervisor.Hocon.Tree;

namespace ActorSupervisor.Hocon.Syntax;

/// <summary>
/// Recursive-descent parser from tokens to the unresolved tree. Duplicate keys are merged as they are read
/// and self-referential substitutions are bound to the earlier value here, while "earlier" is still known.
/// </summary>
internal sealed partial class Parser
{
    private readonly List<Token> _tokens;
    private readonly string _file;
    private readonly string _directory;
    private readonly string[] _substitutionPrefix;
    private readonly ParseContext _context;
    private int _i;
    private int _arrayDepth;

    private Parser(List<Token> tokens, string file, string directory, string[] substitutionPrefix, ParseContext context)
    {
        _tokens = tokens;
        _file = file;
        _directory = directory;
        _substitutionPrefix = substitutionPrefix;
        _context = context;
    }

    /// <summary>Parses one document into <paramref name="frame"/>; substitutions get <c>frame.Path</c> as prefix.</summary>
    public static void ParseDocument(string text, string file, string directory, Frame frame, ParseContext context)
    {
        var parser = new Parser(Tokenizer.Tokenize(text, file), file, directory, frame.Path, context);
        parser.ParseDocumentInto(frame);
    }

    private Token Peek => _tokens[_i];

    private HoconException Error(Token at, string reason) => new(at.At(_file), reason);

    private void ParseDocumentInto(Frame frame)
    {
        SkipBlank();
        var first = Peek;
        if (first.Kind == TokenKind.OpenBracket)
        {
            throw Error(first, "expected an object at the root of the file, found an array");
        }
        _context.Frames.Add(frame);
        if (first.Kind == TokenKind.OpenBrace)
        {
            _i++;
            ParseFields(frame, first);
            SkipBlank();
            if (Peek.Kind != TokenKind.End)
            {
                throw Error(Peek, $"expected end of file after the root object's closing '}}', found {Peek.Describe()}");
            }
        }
        else
        {
            ParseFields(frame, openedAt: null);
        }
        _context.Frames.RemoveAt(_context.Frames.Count - 1);
    }

    private void SkipBlank()
    {
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            _i++;
        }
    }

    private void SkipSpace()
    {
        if (Peek.Kind == TokenKind.Whitespace)
        {
            _i++;
        }
    }

    /// <summary>Fields up to the closing '}' (or the end of the file when the root braces are omitted).</summary>
    private void ParseFields(Frame frame, Token? openedAt)
    {
        var separators = new Separators();
        while (true)
        {
            if (SkipSeparator(ref separators, "a field"))
            {
                continue;
            }
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.CloseBrace:
                    if (openedAt is null)
                    {
                        throw Error(token, "unbalanced '}': the file does not start with '{', so there is no object to close");
                    }
                    _i++;
                    return;
                case TokenKind.End:
                    if (openedAt is { } open)
                    {
                        throw Error(token, $"expected '}}' to close the object opened at line {open.Line}, column {open.Column}, found end of file");
                    }
                    return;
                default:
                    separators.Item(token, _file, "a field");
                    ParseField(frame);
                    break;
            }
        }
    }

    private void ParseField(Frame frame)
    {
        var start = Peek;
        if (start is { Kind: TokenKind.Unquoted, Text: "include" })
        {
            ParseInclude(frame);
            return;
        }
        var key = KeyPaths.Read(_tokens, ref _i, _file);
        var path = frame.Addressable ? [.. frame.Path, .. key] : frame.Path;
        // A dotted key nests as deeply as braces do; both count against the same limit.
        _context.KeyDepth += key.Length - 1;
        CheckDepth(start);
        SkipSpace();
        var token = Peek;
        Node value;
        switch (token.Kind)
        {
            case TokenKind.Separator:
                _i++;
                SkipBlank();
                value = ParseValue(path);
                break;
            case TokenKind.PlusEquals:
                _i++;
                SkipBlank();
                value = Append(path, token, ParseValue(path));
                break;
            case TokenKind.OpenBrace:
                value = ParseValue(path);
                break;
            default:
                throw Error(token, $"expected ':', '=', '+=' or '{{' after the key '{HoconPath.Render(key)}', found {token.Describe()}");
        }
        _context.KeyDepth -= key.Length - 1;
        TreeMerge.MergeField(frame.Owned(), key[0], TreeMerge.Nest(key, 1, value, value.Position), fromFrozen: false);
    }

    /// <summary><c>a += v</c> is <c>a = ${?a} [v]</c>.</summary>
    private Node Append(string[] path, Token at, Node item)
    {
        var self = new USubstitution(path, optional: true, HoconPath.Render(path), at.At(_file));
        return new UConcat([SelfReference(self), new UArray([item], self.Position)], self.Position);
    }

    /// <summary>A value, or a concatenation of values on one line, for the field at <paramref name="path"/>.</summary>
    private Node ParseValue(string[] path)
    {
        var parts = new List<Node>(1);
        Token? pendingSpace = null;
        while (true)
        {
            var token = Peek;
            Node part;
            switch (token.Kind)
            {
                case TokenKind.Whitespace:
                    _i++;
                    pendingSpace = parts.Count > 0 ? token : null;
                    continue;
                case TokenKind.Unquoted or TokenKind.Number or TokenKind.Quoted:
                    _i++;
                    part = Literal(token);
                    break;
                case TokenKind.Substitution:
                    part = ParseSubstitution(path);
                    break;
                case TokenKind.OpenBrace:
                    part = ParseObject(path);
                    break;
                case TokenKind.OpenBracket:
                    part = ParseArray(path);
                    break;
                default:
                    if (parts.Count == 0)
                    {
                        throw Error(token, $"expected a value, found {token.Describe()}");
                    }
                    return parts.Count == 1 ? parts[0] : Concatenation.Combine(parts);
            }
            if (pendingSpace is { } space)
            {
                parts.Add(new UWhitespace(space.Text, space.At(_file)));
                pendingSpace = null;
            }
            parts.Add(part);
        }
    }

    /// <summary>A single token as a value; <c>true</c>, <c>false</c> and <c>null</c> count only unquoted.</summary>
    private UScalar Literal(Token token)
    {
        var kind = token.Kind switch
        {
            TokenKind.Number => HoconScalarKind.Number,
            TokenKind.Unquoted when token.Text is "true" or "false" => HoconScalarKind.Boolean,
            TokenKind.Unquoted when token.Text is "null" => HoconScalarKind.Null,
            _ => HoconScalarKind.String,
        };
        return new UScalar(new HoconScalar(kind, kind == HoconScalarKind.Null ? null : token.Text, token.At(_file)));
    }

    private UObject ParseObject(string[] path)
    {
        var open = Peek;
        Enter(open);
        _i++;
        var frame = new Frame(new UObject(open.At(_file)), path, addressable: _arrayDepth == 0 && _context.Frames[^1].Addressable);
        _context.Frames.Add(frame);
        ParseFields(frame, open);
        _context.Frames.RemoveAt(_context.Frames.Count - 1);
        _context.Depth--;
        return frame.Object;
    }

    private UArray ParseArray(string[] path)
    {
        var open = Peek;
        Enter(open);
        _i++;
        _arrayDepth++;
        var items = new List<Node>();
        var separators = new Separators();
        while (true)
        {
            if (SkipSeparator(ref separators, "an array element"))
            {
                continue;
            }
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.CloseBracket:
                    _i++;
                    _arrayDepth--;
                    _context.Depth--;
                    return new UArray(items, open.At(_file));
                case TokenKind.End:
                    throw Error(token, $"expected ']' to close the array opened at line {open.Line}, column {open.Column}, found end of file");
                default:
                    separators.Item(token, _file, "an array element");
                    items.Add(ParseValue(path));
                    continue;
            }
        }
    }

    /// <summary>Consumes one whitespace, new line or comma token between items; false for anything else.</summary>
    private bool SkipSeparator(ref Separators separators, string item)
    {
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.Whitespace:
                break;
            case TokenKind.Newline:
                separators.NewLine();
                break;
            case TokenKind.Comma:
                separators.Comma(token, _file, item);
                break;
            default:
                return false;
        }
        _i++;
        return true;
    }

    private void Enter(Token open)
    {
        _context.Depth++;
        CheckDepth(open);
    }

    private void CheckDepth(Token at)
    {
        if (_context.Depth + _context.KeyDepth > ParseContext.MaxDepth)
        {
            throw Error(at, $"objects, arrays and dotted keys nest deeper than {ParseContext.MaxDepth} levels");
        }
    }
}
