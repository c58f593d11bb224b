namespace ActorSupervisor.Hocon.Tests;

public sealed class IncludeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hocon-include-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private HoconObject Load(string relative) => HoconReader.Load(Path.Combine(_dir, relative), Hocon.Options());

    [Fact]
    public void Included_fields_take_the_place_of_the_include_and_merge_both_ways()
    {
        Write("inc.conf", "x = 1\no { p = 1, q = 1 }");
        Write("main.conf", "x = 0\no { p = 0, r = 0 }\ninclude \"inc.conf\"\no.q = 2");
        Assert.Equal("{x:1,o:{p:1,r:0,q:2}}", Hocon.Compact(Load("main.conf")));
    }

    [Fact]
    public void Forms_file_and_required_are_accepted_and_relative_to_the_including_file()
    {
        Write("conf/sub/leaf.conf", "leaf = true");
        Write("conf/sub/mid.conf", "include required(\"leaf.conf\")\nmid = true");
        Write("conf/main.conf", "include file(\"sub/mid.conf\")\ninclude required(file( \"sub/leaf.conf\" ))\nmain = true");
        Assert.Equal("{leaf:true,mid:true,main:true}", Hocon.Compact(Load("conf/main.conf")));
    }

    [Fact]
    public void An_include_inside_an_object_nests_its_fields_and_fixes_up_its_substitutions()
    {
        Write("foo.conf", "x = 10\ny = ${x}\nlist += ${x}");
        Write("main.conf", "a { include \"foo.conf\" }\na { x = 42 }");
        Assert.Equal("{a:{x:42,y:42,list:[42]}}", Hocon.Compact(Load("main.conf")));
    }

    [Fact]
    public void An_include_sees_earlier_values_for_self_references()
    {
        Write("more.conf", "path = ${path}\":more\"\nroles += b");
        Write("main.conf", "node { path = base, roles = [a] }\nnode { include \"more.conf\" }");
        Assert.Equal("{node:{path:\"base:more\",roles:[\"a\",\"b\"]}}", Hocon.Compact(Load("main.conf")));
    }

    [Fact]
    public void A_missing_optional_include_is_ignored_and_a_missing_required_one_is_an_error()
    {
        Write("main.conf", "a = 1\ninclude \"nope.conf\"\ninclude file(\"nope2\")");
        Assert.Equal("{a:1}", Hocon.Compact(Load("main.conf")));
        var required = Write("req.conf", "a = 1\n  include required(\"nope.conf\")");
        var error = Assert.Throws<HoconException>(() => HoconReader.Load(required));
        Assert.Equal((required, 2, 20), (error.File, error.Line, error.Column));
        Assert.Contains("required include \"nope.conf\" not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_without_extension_loads_json_then_conf()
    {
        Write("both.json", "{ \"a\": 1, \"b\": 1 }");
        Write("both.conf", "b = 2");
        Write("main.conf", "include \"both\"");
        Assert.Equal("{a:1,b:2}", Hocon.Compact(Load("main.conf")));
    }

    [Fact]
    public void An_include_cycle_is_reported_at_the_include_that_closes_it()
    {
        Write("a.conf", "include \"b.conf\"");
        var b = Write("b.conf", "x = 1\ninclude \"a.conf\"");
        var error = Assert.Throws<HoconException>(() => Load("a.conf"));
        Assert.Equal((b, 2, 9), (error.File, error.Line, error.Column));
        Assert.Contains("include cycle: a.conf -> b.conf -> a.conf", error.Message, StringComparison.Ordinal);
        Write("self.conf", "include \"self.conf\"");
        Assert.Contains("include cycle: self.conf -> self.conf", Assert.Throws<HoconException>(() => Load("self.conf")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_in_an_included_file_names_that_file()
    {
        var bad = Write("bad.conf", "ok = 1\nbroken = [1, 2");
        Write("main.conf", "include \"bad.conf\"");
        var error = Assert.Throws<HoconException>(() => Load("main.conf"));
        Assert.Equal((bad, 2, 15), (error.File, error.Line, error.Column));
    }

    [Fact]
    public void An_included_file_must_hold_an_object()
    {
        var array = Write("array.conf", "[1, 2]");
        Write("main.conf", "include \"array.conf\"");
        var error = Assert.Throws<HoconException>(() => Load("main.conf"));
        Assert.Equal((array, 1, 1), (error.File, error.Line, error.Column));
    }

    [Fact]
    public void Text_includes_are_relative_to_the_base_directory()
    {
        Write("lib/x.conf", "x = 1");
        Assert.Equal("{x:1}", Hocon.Compact(Hocon.Parse("include \"lib/x.conf\"", _dir)));
    }

    [Fact]
    public void Loading_a_missing_file_says_which()
    {
        var error = Assert.Throws<FileNotFoundException>(() => HoconReader.Load(Path.Combine(_dir, "none.conf")));
        Assert.Contains("none.conf", error.Message, StringComparison.Ordinal);
    }
}
