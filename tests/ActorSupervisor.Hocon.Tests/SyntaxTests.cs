namespace ActorSupervisor.Hocon.Tests;

public class SyntaxTests
{
    public static TheoryData<string, string> Documents => new()
    {
        // objects: braces, separators, the key { } form, root braces optional
        { "a = 1", "{a:1}" },
        { "a : 1", "{a:1}" },
        { "{ a = 1 }", "{a:1}" },
        { "a { b = 1 }", "{a:{b:1}}" },
        { "a = { b : 1 }", "{a:{b:1}}" },
        { "{\"a\": {\"b\": [1, 2.5, -3e2, true, false, null, \"x\"]}}", "{a:{b:[1,2.5,-3e2,true,false,null,\"x\"]}}" },
        { "", "{}" },
        { "# only a comment\n// and another", "{}" },
        // dotted and quoted keys
        { "a.b.c = 1", "{a:{b:{c:1}}}" },
        { "\"a.b\" = 1", "{\"a.b\":1}" },
        { "a.\"b.c\".d = 1", "{a:{\"b.c\":{d:1}}}" },
        { "a.\"\".b = 1", "{a:{\"\":{b:1}}}" },
        { "a b c = 1", "{\"a b c\":1}" },
        { "10.0foo = 1", "{\"10\":{\"0foo\":1}}" },
        { "foo10.0 = 1", "{foo10:{\"0\":1}}" },
        { "foo\"10.0\" = 1", "{\"foo10.0\":1}" },
        { "true = 42", "{true:42}" },
        { "foo include = 42", "{\"foo include\":42}" },
        { "\"include\" = 42", "{\"include\":42}" },
        { "a = include", "{a:\"include\"}" },
        // separators: newlines, commas, trailing comma
        { "a = 1, b = 2", "{a:1,b:2}" },
        { "a = 1\nb = 2", "{a:1,b:2}" },
        { "a = 1,\nb = 2,", "{a:1,b:2}" },
        { "a = [1,2,3,]", "{a:[1,2,3]}" },
        { "a = [\n  1\n  2\n  3\n]", "{a:[1,2,3]}" },
        { "a = [1\n,2]", "{a:[1,2]}" },
        { "a =\n  1", "{a:1}" },
        { "a = [\n]", "{a:[]}" },
        { "a {\n}", "{a:{}}" },
        // comments
        { "a = 1 # one\nb = 2 // two", "{a:1,b:2}" },
        { "a = \"#not a comment\"", "{a:\"#not a comment\"}" },
        // strings: quoted escapes, unquoted, triple-quoted
        { "a = \"tab\\tquote\\\"slash\\/u\\u0041\"", "{a:\"tab\tquote\"slash/uA\"}" },
        { "a = foo", "{a:\"foo\"}" },
        { "a = foo.bar-baz_1", "{a:\"foo.bar-baz_1\"}" },
        { "a = \"\"\"line1\nline2 \"quoted\" \\n\"\"\"", "{a:\"line1\\nline2 \"quoted\" \\n\"}" },
        { "a = \"\"\"x\"\"\"\"", "{a:\"x\"\"}" },
        { "a = \"\"", "{a:\"\"}" },
        // numbers and literals keep their type only when alone
        { "a = 10", "{a:10}" },
        { "a = -0.5", "{a:-0.5}" },
        { "a = 1e5", "{a:1e5}" },
        { "a = true", "{a:true}" },
        { "a = null", "{a:null}" },
        { "a = truefoo", "{a:\"truefoo\"}" },
        { "a = footrue", "{a:\"footrue\"}" },
        { "a = 10.0bar", "{a:\"10.0bar\"}" },
        { "a = 1.2.3", "{a:\"1.2.3\"}" },
        { "a = -foo", "{a:\"-foo\"}" },
        // concatenation: whitespace between values is kept, around them dropped
        { "a =   foo bar   baz  ", "{a:\"foo bar   baz\"}" },
        { "a = foo \"bar\" 10", "{a:\"foo bar 10\"}" },
        { "a = true null 1.50", "{a:\"true null 1.50\"}" },
        { "a = 30 s", "{a:\"30 s\"}" },
        { "a = [1, 2] [3]", "{a:[1,2,3]}" },
        { "a = [1 2, x y]", "{a:[\"1 2\",\"x y\"]}" },
        { "a = [1] [2]\nb = [] []", "{a:[1,2],b:[]}" },
        { "a = {x = 1} {y = 2}", "{a:{x:1,y:2}}" },
        { "a = {x = 1, z = {p = 1}} {x = 2, z = {q = 2}}", "{a:{x:2,z:{p:1,q:2}}}" },
        // merging repeated keys
        { "a = 1\na = 2", "{a:2}" },
        { "a { x = 1 }\na { y = 2 }", "{a:{x:1,y:2}}" },
        { "a.x = 1\na.y = 2\na.x = 3", "{a:{x:3,y:2}}" },
        { "a { x = 1 }\na = 42", "{a:42}" },
        { "a = 42\na { y = 2 }", "{a:{y:2}}" },
        { "a { x = 1 }\na = null\na { y = 2 }", "{a:{y:2}}" },
        { "a { x = 1 }\na = [1]\na { y = 2 }", "{a:{y:2}}" },
        { "a { b { c = 1, d = 2 } }\na.b.c = 3", "{a:{b:{c:3,d:2}}}" },
        { "a = [1]\na = [2]", "{a:[2]}" },
        // Windows line ends and tabs
        { "a = 1\r\nb = x  y\r\nc {\r\n\td = [1,\r\n\t\t2]\r\n}\r\n", "{a:1,b:\"x  y\",c:{d:[1,2]}}" },
        { "a = \"\"\"x\r\ny\"\"\"", "{a:\"x\r\\ny\"}" },
        // unicode whitespace separates, BOM is ignored
        { "\uFEFFa\u00A0=\u2003 1", "{a:1}" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Parses_to_the_expected_tree(string input, string expected) =>
        Assert.Equal(expected, Hocon.Compact(input));

    [Fact]
    public void Keeps_field_order_and_positions()
    {
        var root = Hocon.Parse("z = 1\n  a {\n    m = \"x\"\n  }\nb = [1,\n  2]");
        Assert.Equal(["z", "a", "b"], root.Keys);
        Assert.Equal(new HoconPosition("test.conf", 3, 9), root.PositionOf("a.m"));
        Assert.Equal(new HoconPosition("test.conf", 2, 5), root.PositionOf("a"));
        Assert.Equal(new HoconPosition("test.conf", 6, 3), root.GetArray("b")[1].Position);
    }

    [Fact]
    public void A_later_definition_moves_the_position_of_a_merged_object()
    {
        var root = Hocon.Parse("a { x = 1 }\na { y = 2 }");
        Assert.Equal(2, root.PositionOf("a").Line);
        Assert.Equal(1, root.PositionOf("a.x").Line);
    }
}
