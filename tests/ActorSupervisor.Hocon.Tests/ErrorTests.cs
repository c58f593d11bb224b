namespace ActorSupervisor.Hocon.Tests;

public class ErrorTests
{
    public static TheoryData<string, int, int, string> Invalid => new()
    {
        { "a = 1\nb = \"open", 2, 5, "unterminated quoted string" },
        { "a = \"line\nbreak\"", 1, 5, "cannot span lines" },
        { "a = \"bad \\q escape\"", 1, 10, "invalid escape '\\q'" },
        { "a = \"\\u12\"", 1, 6, "four hex digits" },
        { "a = \"\"\"never closed", 1, 5, "expected a closing '\"\"\"'" },
        { "a = 1\nb = 2\n}", 3, 1, "unbalanced '}'" },
        { "a = \"\"\"x\ny\n\"\"\"\nb = ]", 4, 5, "expected a value, found ']'" },
        { "a = 1\r\n\tb = [,]", 2, 7, "expected an array element before ','" },
        { "{ a = 1", 1, 8, "expected '}' to close the object opened at line 1, column 1" },
        { "a { b = 1", 1, 10, "expected '}' to close the object opened at line 1, column 3" },
        { "a = [1, 2", 1, 10, "expected ']' to close the array opened at line 1, column 5" },
        { "{ a = 1 } b = 2", 1, 11, "expected end of file after the root object" },
        { "[1, 2]", 1, 1, "expected an object at the root" },
        { "a = 1 b = 2", 1, 9, "expected ',' or a new line after a field, found '='" },
        { "a = 1,, b = 2", 1, 7, "two commas in a row" },
        { "a = [1,,2]", 1, 8, "two commas in a row" },
        { "a = [,1]", 1, 6, "expected an array element before ','" },
        { ", a = 1", 1, 1, "expected a field before ','" },
        { "a 1", 1, 4, "expected ':', '=', '+=' or '{' after the key '\"a 1\"', found end of file" },
        { "a = ", 1, 5, "expected a value, found end of file" },
        { "a = }", 1, 5, "expected a value, found '}'" },
        { "a..b = 1", 1, 1, "empty path element" },
        { ".a = 1", 1, 1, "empty path element" },
        { "a. = 1", 1, 1, "empty path element" },
        { "a = http://x", 1, 9, "found ':'" },
        { "a = 1 + 2", 1, 7, "'+' is only valid as '+='" },
        { "a = $x", 1, 5, "'$' must start a substitution" },
        { "a = b^c", 1, 6, "unexpected character '^'" },
        { "a = ${}", 1, 7, "empty substitution" },
        { "a = ${b", 1, 8, "expected '}' to close the substitution ${b" },
        { "a = ${b c = 1", 1, 11, "expected '}' to close the substitution" },
        { "include foo", 1, 12, "expected a quoted file name after include" },
        { "include url(\"http://x\")", 1, 1, "not supported" },
        { "include required(\"x.conf\"", 1, 26, "expected ')' to close include" },
        { "a = [1] x", 1, 9, "cannot concatenate an array with a string" },
        { "a = {x = 1} [2]", 1, 13, "cannot concatenate an object with an array" },
        { "a = ${missing}", 1, 5, "substitution ${missing} is undefined" },
        { "a = ${b}\nb = ${a}", 2, 5, "cyclic substitution: ${b} -> ${a} -> ${b}" },
        { "a = ${a}", 1, 5, "substitution ${a} is undefined" },
        { "a = { b = ${a} }", 1, 11, "substitution ${a} is undefined" },
        { "a = { b = ${a.c}, c = ${a.b} }", 1, 23, "cyclic substitution: ${a.c} -> ${a.b} -> ${a.c}" },
        { "a = ${b.c}\nb = { c = ${a} }", 2, 11, "cyclic substitution: ${b.c} -> ${a} -> ${b.c}" },
        { "a = { x = ${b} }\nb = ${a}", 2, 5, "cyclic substitution" },
        { "a = [1]\nb = ${a} x", 2, 10, "cannot concatenate an array with a string" },
        { "a = 5\na += 1", 2, 3, "cannot concatenate a number with an array" },
        { "a = x\na += 1", 2, 3, "cannot concatenate a string with an array" },
        { "a = {}\nb = [1] ${a}", 2, 9, "cannot concatenate an array with an object" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Reports_what_was_expected_and_where(string input, int line, int column, string message)
    {
        var error = Hocon.Fails(input);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(("test.conf", line, column), (error.File, error.Line, error.Column));
        Assert.StartsWith($"test.conf:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_an_error_not_a_stack_overflow()
    {
        var error = Hocon.Fails("a = " + new string('[', 5000) + new string(']', 5000));
        Assert.Contains("nest deeper than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotted_keys_count_towards_the_nesting_limit()
    {
        var deep = string.Join('.', Enumerable.Repeat("k", 100));
        Assert.Equal(1, Hocon.Parse(deep + " = 1").GetInt(deep));
        var error = Hocon.Fails("a { b { " + string.Join('.', Enumerable.Repeat("k", 20000)) + " = 1 } }");
        Assert.Equal((1, 9), (error.Line, error.Column));
        Assert.Contains("nest deeper than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_substitution_chain_is_an_error_not_a_stack_overflow()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => $"k{i} = ${{k{i + 1}}}").Append("k5000 = end");
        var error = Hocon.Fails(string.Join('\n', lines));
        Assert.Contains("deeper than", error.Message, StringComparison.Ordinal);
    }
}
