using System.Text;

namespace ActorSupervisor.Hocon.Syntax;

/// <summary>Splits HOCON text into tokens with line and column; comments are dropped here.</summary>
internal sealed class Tokenizer
{
    private readonly string _src;
    private readonly string _file;
    private readonly List<Token> _tokens;
    private readonly HashSet<string> _pool = new(StringComparer.Ordinal);
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private Tokenizer(string src, string file)
    {
        _src = src;
        _file = file;
        _tokens = new List<Token>(src.Length / 4 + 4);
    }

    public static List<Token> Tokenize(string src, string file)
    {
        var tokenizer = new Tokenizer(src, file);
        tokenizer.Run();
        return tokenizer._tokens;
    }

    private int Column => _pos - _lineStart + 1;

    private void Run()
    {
        while (_pos < _src.Length)
        {
            var c = _src[_pos];
            var line = _line;
            var column = Column;
            switch (c)
            {
                case '\n':
                    _pos++;
                    _line++;
                    _lineStart = _pos;
                    Add(TokenKind.Newline, "\n", line, column);
                    break;
                case '#':
                    SkipComment();
                    break;
                case '/' when Peek(1) == '/':
                    SkipComment();
                    break;
                case ',' or ':' or '=' or '{' or '}' or '[' or ']':
                    Add(Punctuation(c), Punctuations[c], line, column);
                    _pos++;
                    break;
                case '+':
                    if (Peek(1) != '=')
                    {
                        throw Error("'+' is only valid as '+='; quote the string if '+' is part of a value");
                    }
                    _pos += 2;
                    Add(TokenKind.PlusEquals, "+=", line, column);
                    break;
                case '$':
                    ReadSubstitutionStart(line, column);
                    break;
                case '"':
                    ReadQuoted(line, column);
                    break;
                default:
                    if (IsWhitespace(c))
                    {
                        ReadWhitespace(line, column);
                    }
                    else if (IsNumberStart())
                    {
                        ReadNumber(line, column);
                    }
                    else if (IsForbidden(c))
                    {
                        throw Error($"unexpected character '{c}'; quote the string if it is part of a value");
                    }
                    else
                    {
                        ReadUnquoted(line, column);
                    }
                    break;
            }
        }
        _tokens.Add(new Token(TokenKind.End, "", _line, Column));
    }

    private char Peek(int ahead) => _pos + ahead < _src.Length ? _src[_pos + ahead] : '\0';

    private static readonly Dictionary<char, string> Punctuations = ",:={}[]".ToDictionary(c => c, c => c.ToString());

    private static TokenKind Punctuation(char c) => c switch
    {
        ',' => TokenKind.Comma,
        ':' or '=' => TokenKind.Separator,
        '{' => TokenKind.OpenBrace,
        '}' => TokenKind.CloseBrace,
        '[' => TokenKind.OpenBracket,
        _ => TokenKind.CloseBracket,
    };

    private void Add(TokenKind kind, string text, int line, int column, bool optional = false) =>
        _tokens.Add(new Token(kind, text, line, column, optional));

    private HoconException Error(string reason) => new(new HoconPosition(_file, _line, Column), reason);

    private HoconException ErrorAt(int line, int column, string reason) => new(new HoconPosition(_file, line, column), reason);

    private void SkipComment()
    {
        var end = _src.IndexOf('\n', _pos);
        _pos = end < 0 ? _src.Length : end;
    }

    private void ReadWhitespace(int line, int column)
    {
        var start = _pos;
        while (_pos < _src.Length && _src[_pos] != '\n' && IsWhitespace(_src[_pos]))
        {
            _pos++;
        }
        if (!Significant())
        {
            return;
        }
        var length = _pos - start;
        // Indentation is most of the whitespace in a file: share one string per run of plain spaces.
        var text = length < Spaces.Length && _src.AsSpan(start, length).IndexOfAnyExcept(' ') < 0
            ? Spaces[length]
            : _src.Substring(start, length);
        Add(TokenKind.Whitespace, text, line, column);
    }

    /// <summary>
    /// Whitespace matters only between two parts of a value concatenation or of a key; elsewhere (indentation,
    /// around separators, before a comment or a new line) the parser would skip it, so no token is made.
    /// </summary>
    private bool Significant()
    {
        if (_tokens.Count == 0 || _tokens[^1].Kind is not (TokenKind.Unquoted or TokenKind.Number or TokenKind.Quoted or TokenKind.CloseBrace))
        {
            return false;
        }
        var next = Peek(0);
        return !(next is '\0' or '\n' or '#' or ',' or '=' or ':' or '}' or ']' or '{' or '[' or '+' || (next == '/' && Peek(1) == '/'));
    }

    private static readonly string[] Spaces = Enumerable.Range(0, 65).Select(n => new string(' ', n)).ToArray();

    private void ReadSubstitutionStart(int line, int column)
    {
        if (Peek(1) != '{')
        {
            throw Error("'$' must start a substitution such as ${a.b}; quote the string if '$' is part of a value");
        }
        var optional = Peek(2) == '?';
        _pos += optional ? 3 : 2;
        Add(TokenKind.Substitution, optional ? "${?" : "${", line, column, optional);
    }

    private bool IsNumberStart()
    {
        var c = _src[_pos];
        return char.IsAsciiDigit(c) || (c == '-' && char.IsAsciiDigit(Peek(1)));
    }

    private void ReadNumber(int line, int column)
    {
        var start = _pos;
        if (_src[_pos] == '-')
        {
            _pos++;
        }
        SkipDigits();
        if (Peek(0) == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _pos++;
            SkipDigits();
        }
        if (Peek(0) is 'e' or 'E')
        {
            var digitAt = Peek(1) is '+' or '-' ? 2 : 1;
            if (char.IsAsciiDigit(Peek(digitAt)))
            {
                _pos += digitAt;
                SkipDigits();
            }
        }
        Add(TokenKind.Number, _src.Substring(start, _pos - start), line, column);
    }

    private void SkipDigits()
    {
        while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
        {
            _pos++;
        }
    }

    private void ReadUnquoted(int line, int column)
    {
        var start = _pos;
        while (_pos < _src.Length)
        {
            var c = _src[_pos];
            if (IsForbidden(c) || IsWhitespace(c) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }
            _pos++;
        }
        Add(TokenKind.Unquoted, Pooled(start, _pos - start), line, column);
    }

    /// <summary>Keys repeat a lot in a configuration; short unquoted words are shared instead of copied each time.</summary>
    private string Pooled(int start, int length)
    {
        if (length > 32)
        {
            return _src.Substring(start, length);
        }
        var lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = _src.AsSpan(start, length);
        if (!lookup.TryGetValue(span, out var text))
        {
            text = span.ToString();
            _pool.Add(text);
        }
        return text;
    }

    private void ReadQuoted(int line, int column)
    {
        if (Peek(1) == '"' && Peek(2) == '"')
        {
            ReadTripleQuoted(line, column);
            return;
        }
        _pos++;
        var start = _pos;
        StringBuilder? builder = null;
        while (true)
        {
            if (_pos >= _src.Length)
            {
                throw ErrorAt(line, column, "unterminated quoted string: expected a closing '\"'");
            }
            var c = _src[_pos];
            if (c == '"')
            {
                break;
            }
            if (c == '\n')
            {
                throw ErrorAt(line, column, "unterminated quoted string: a quoted string cannot span lines (use \"\"\" for multi-line text)");
            }
            if (c < ' ')
            {
                throw Error($"control character U+{(int)c:X4} in a quoted string; write it as an escape such as \\t or \\u{(int)c:X4}");
            }
            if (c == '\\')
            {
                builder ??= new StringBuilder().Append(_src, start, _pos - start);
                builder.Append(ReadEscape());
                continue;
            }
            builder?.Append(c);
            _pos++;
        }
        var text = builder?.ToString() ?? _src.Substring(start, _pos - start);
        _pos++;
        Add(TokenKind.Quoted, text, line, column);
    }

    private char ReadEscape()
    {
        var escape = Peek(1);
        switch (escape)
        {
            case '"' or '\\' or '/':
                _pos += 2;
                return escape;
            case 'b': _pos += 2; return '\b';
            case 'f': _pos += 2; return '\f';
            case 'n': _pos += 2; return '\n';
            case 'r': _pos += 2; return '\r';
            case 't': _pos += 2; return '\t';
            case 'u':
                if (_pos + 6 <= _src.Length && ushort.TryParse(_src.AsSpan(_pos + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
                {
                    _pos += 6;
                    return (char)code;
                }
                throw Error("invalid escape: expected four hex digits after \\u");
            default:
                throw Error($"invalid escape '\\{(escape == '\0' ? "" : escape.ToString())}' in a quoted string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
    }

    private void ReadTripleQuoted(int line, int column)
    {
        var start = _pos + 3;
        var end = _src.IndexOf("\"\"\"", start, StringComparison.Ordinal);
        if (end < 0)
        {
            throw ErrorAt(line, column, "unterminated multi-line string: expected a closing '\"\"\"'");
        }
        // Quotes just before the closing three belong to the string: """a"""" is the text a".
        while (end + 3 < _src.Length && _src[end + 3] == '"')
        {
            end++;
        }
        for (var i = start; i < end; i++)
        {
            if (_src[i] == '\n')
            {
                _line++;
                _lineStart = i + 1;
            }
        }
        _pos = end + 3;
        Add(TokenKind.Quoted, _src.Substring(start, end - start), line, column);
    }

    internal static bool IsWhitespace(char c) =>
        c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or '\uFEFF' || (c >= '\u001C' && c <= '\u001F') || (c > '\u007F' && char.IsWhiteSpace(c));

    private static bool IsForbidden(char c) =>
        c is '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ',' or '+' or '#' or '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\';
}
