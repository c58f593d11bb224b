namespace ActorSupervisor.Hocon.Tests;

public class SubstitutionTests
{
    public static TheoryData<string, string> Documents => new()
    {
        // plain substitutions keep the type, look forward, and see the last definition
        { "a = 1\nb = ${a}", "{a:1,b:1}" },
        { "b = ${a}\na = 1", "{b:1,a:1}" },
        { "b = ${a}\na = 1\na = 2", "{b:2,a:2}" },
        { "a { x = 1 }\nb = ${a}\na { y = 2 }", "{a:{x:1,y:2},b:{x:1,y:2}}" },
        { "a.b.c = true\nd = ${a.b}", "{a:{b:{c:true}},d:{c:true}}" },
        { "a = [1, 2]\nb = ${a}", "{a:[1,2],b:[1,2]}" },
        { "a = null\nb = ${a}", "{a:null,b:null}" },
        { "\"x.y\" = 1\nb = ${\"x.y\"}", "{\"x.y\":1,b:1}" },
        { "a = ${ b }\nb = 1", "{a:1,b:1}" },
        // an object may refer to its own fields
        { "bar { foo = 42, baz = ${bar.foo} }", "{bar:{foo:42,baz:42}}" },
        { "a { b = ${a.c}, c = 1 }", "{a:{b:1,c:1}}" },
        // chains resolve through other substitutions and through objects made by substitutions
        { "a = ${b}\nb = ${c}\nc = end", "{a:\"end\",b:\"end\",c:\"end\"}" },
        { "base { x = 1 }\nalias = ${base}\ny = ${alias.x}", "{base:{x:1},alias:{x:1},y:1}" },
        // concatenation with whitespace kept between parts
        { "name = world\ngreeting = hello ${name} again", "{name:\"world\",greeting:\"hello world again\"}" },
        { "n = 5\nd = ${n}s", "{n:5,d:\"5s\"}" },
        { "n = 5\nd = ${n} \"ms\"", "{n:5,d:\"5 ms\"}" },
        { "a = null\nb = x${a}y", "{a:null,b:\"xy\"}" },
        { "a = [1]\nb = [2]\nc = ${a} ${b} [3]", "{a:[1],b:[2],c:[1,2,3]}" },
        { "a { x = 1 }\nb = ${a} { y = 2 }", "{a:{x:1},b:{x:1,y:2}}" },
        // optional substitutions: a missing one leaves the field unset (or the earlier value in place)
        { "a = ${?nope}", "{}" },
        { "a = 1\na = ${?nope}", "{a:1}" },
        { "a = [${?nope}, 1]", "{a:[1]}" },
        { "a = ${?nope}x", "{a:\"x\"}" },
        { "a = x ${?nope} y", "{a:\"x  y\"}" },
        { "a = ${?nope} ${?nada}", "{}" },
        // environment variables, only when no setting has the path
        { "home = ${HOME}", "{home:\"/home/asv\"}" },
        { "port = ${?ASV_PORT}", "{port:\"8080\"}" },
        { "port = 1\nport = ${?ASV_PORT}", "{port:\"8080\"}" },
        { "HOME = mine\nhome = ${HOME}", "{HOME:\"mine\",home:\"mine\"}" },
        { "HOME = null\nhome = ${HOME}", "{HOME:null,home:null}" },
        { "path = ${HOME}\"/bin\"", "{path:\"/home/asv/bin\"}" },
        // self-reference sees the earlier value
        { "path = a\npath = ${path}\":b\"", "{path:\"a:b\"}" },
        { "path = a\npath = ${path}\":b\"\npath = ${path}\":c\"", "{path:\"a:b:c\"}" },
        { "path = ${?path}\":b\"", "{path:\":b\"}" },
        { "a { x = 1 }\na = ${a} { y = 2 }", "{a:{x:1,y:2}}" },
        { "a { x = 1 }\na { y = ${a.x} }", "{a:{x:1,y:1}}" },
        { "a { b = 1 }\na { b = ${a.b}0 }", "{a:{b:\"10\"}}" },
        { "a { b { c = 1 } }\na.b.c = ${a.b.c}1", "{a:{b:{c:\"11\"}}}" },
        { "x = 1\na { x = ${x}, y = 2 }", "{x:1,a:{x:1,y:2}}" },
        { "a = ${b}\nb = 1\nb = ${b}2", "{a:\"12\",b:\"12\"}" },
        { "a = 1\nb = ${a}\na = ${a}0", "{a:\"10\",b:\"10\"}" },
        { "a = { b = 1 }\na = { c = ${a} }", "{a:{b:1,c:{b:1}}}" },
        // += appends to an array, also one defined earlier in the same object or by a substitution
        { "a += 1", "{a:[1]}" },
        { "a = [1]\na += 2\na += [3]", "{a:[1,2,[3]]}" },
        { "s { a = [x], a += y }", "{s:{a:[\"x\",\"y\"]}}" },
        { "s.a = [x]\ns { a += y }", "{s:{a:[\"x\",\"y\"]}}" },
        { "base = [1]\na = ${base}\na += 2", "{base:[1],a:[1,2]}" },
        { "a = [1]\nb = ${a}\na += 2", "{a:[1,2],b:[1,2]}" },
        { "a = [${HOME}]\na += ${?ASV_PORT}", "{a:[\"/home/asv\",\"8080\"]}" },
        // a substitution in an array element of an object in an array refers to the field
        { "a = [1]\na = [{ b = ${a} }]", "{a:[{b:[1]}]}" },
        // the earlier value is captured, later changes to other keys are not
        { "a { x = 1 }\nb = ${a}\na.x = 2", "{a:{x:2},b:{x:2}}" },
        { "a { x = 1 }\na = ${a} { y = 2 }\na.x = 3", "{a:{x:3,y:2}}" },
        { "a { x { p = 1 } }\nb = ${a} { z = 0 }\na.x.q = 2", "{a:{x:{p:1,q:2}},b:{x:{p:1,q:2},z:0}}" },
        { "a { x { p = 1 } }\na = ${a} { z = 0 }\na.x.q = 2\nb = ${a}", "{a:{x:{p:1,q:2},z:0},b:{x:{p:1,q:2},z:0}}" },
        { "a { x { p = 1 } }\na { x = ${a.x} { r = 3 } }\na.x.q = 2", "{a:{x:{p:1,r:3,q:2}}}" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Resolves_to_the_expected_tree(string input, string expected) =>
        Assert.Equal(expected, Hocon.Compact(input));

    [Fact]
    public void A_self_reference_does_not_see_a_later_change_of_the_value_it_captured()
    {
        // The captured {x=1} must stay as it was when a.x is later set to 2 on the live tree.
        var root = Hocon.Parse("a { x = 1 }\nold = [${a}]\na { y = ${a} }\na.x = 2");
        Assert.Equal("{a:{x:2,y:{x:1}},old:[{x:2,y:{x:1}}]}", Hocon.Compact(root));
        var captured = Hocon.Parse("a { x = 1 }\na = [${a}]\nb = 0");
        Assert.Equal("{a:[{x:1}],b:0}", Hocon.Compact(captured));
        var shielded = Hocon.Parse("a { x { p = 1 } }\nc = 0\na = [${a}] \na = 5");
        Assert.Equal("{a:5,c:0}", Hocon.Compact(shielded));
        var nested = Hocon.Parse("a { x { p = 1 } }\nb = [${a}]\na.x.p = 2");
        Assert.Equal("{a:{x:{p:2}},b:[{x:{p:2}}]}", Hocon.Compact(nested));
        var frozen = Hocon.Parse("a { x { p = 1 } }\na { y = [${a}] }\na.x.p = 2");
        Assert.Equal("{a:{x:{p:2},y:[{x:{p:1}}]}}", Hocon.Compact(frozen));
    }

    [Fact]
    public void An_undefined_substitution_names_the_path_and_the_environment_variable_tried()
    {
        var error = Hocon.Fails("a {\n  b = ${db.host}\n}");
        Assert.Equal((2, 7), (error.Line, error.Column));
        Assert.Contains("substitution ${db.host} is undefined: no setting 'db.host'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no environment variable 'db.host'", error.Message, StringComparison.Ordinal);
    }
}
