namespace ActorSupervisor.Hocon.Syntax;

internal enum TokenKind
{
    End,
    Newline,
    Whitespace,
    Comma,
    Separator,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Unquoted,
    Number,
    Quoted,
    Substitution,
}

/// <summary>
/// One token. <see cref="Text"/> is the decoded string for quoted strings and the raw text for unquoted
/// strings, numbers and whitespace; <see cref="Optional"/> marks <c>${?</c>.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, bool Optional = false)
{
    public HoconPosition At(string file) => new(file, Line, Column);

    /// <summary>The token as a person would name it in "expected X, found Y".</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of file",
        TokenKind.Newline => "end of line",
        TokenKind.Whitespace => "whitespace",
        TokenKind.Comma => "','",
        TokenKind.Separator => $"'{Text}'",
        TokenKind.PlusEquals => "'+='",
        TokenKind.OpenBrace => "'{'",
        TokenKind.CloseBrace => "'}'",
        TokenKind.OpenBracket => "'['",
        TokenKind.CloseBracket => "']'",
        TokenKind.Quoted => $"quoted string \"{Text}\"",
        TokenKind.Substitution => Optional ? "'${?'" : "'${'",
        _ => $"'{Text}'",
    };
}
