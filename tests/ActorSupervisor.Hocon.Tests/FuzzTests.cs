using System.Text;
using Xunit.Abstractions;

namespace ActorSupervisor.Hocon.Tests;

public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Cases = 4000;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    private static readonly string[] Seeds =
    [
        """
        # a node file
        actor-supervisor {
          node { name = "node-1", roles = [web, db], port = 2551 }
          timeouts { ask = 5s, "shutdown grace" = 30 seconds }
          paths = ${?HOME}"/data"
          paths = ${actor-supervisor.paths}":/more"
          list = [1, 2] [3]
          list += 4
          merged = { a = 1 } { b = ${actor-supervisor.node.port} }
          text = \"\"\"multi
        line\"\"\"
        }
        actor-supervisor.node.port = 2552
        include "missing.conf"
        include required(file("also-missing.conf"))
        """,
        """{ "json": [1, 2.5e3, true, null, {"k": "v\\n"}], "x": -1 }""",
        "a.b.c = 1, a { d = ${a.b.c} }, e = ${a} { f = 1 }, g = foo bar ${?nope} baz",
        "x = ${y}\ny = ${z}\nz = [${x}]",
        "size = 512MiB\nd = 100 ms\nflag = on\n\"quoted.key\" = \"\\u0041\\t\"",
    ];

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", "${", "${?", "\"", "\"\"\"", "=", ":", "+=", ",", "\n", "#", "//", ".", "..", "include ",
        "include \"", "required(", "file(", ")", "a", "1", "-", "1e", "\\", "\\u", "$", "?", " ", "\t", "null", "true",
        "${a}", "${a.b.c}", "\u00A0", "\uFEFF", "\r",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("hocon-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Mutated_input_either_parses_or_fails_with_a_positioned_hocon_error()
    {
        var random = new Random(20261121);
        var options = Hocon.Options(_dir);
        int parsed = 0, rejected = 0;
        for (var i = 0; i < Cases; i++)
        {
            var input = Mutate(Seeds[random.Next(Seeds.Length)], random);
            var run = Task.Run(() => HoconReader.Parse(input, "fuzz.conf", options));
            try
            {
                await run.WaitAsync(PerCase);
                parsed++;
            }
            catch (TimeoutException)
            {
                Assert.Fail($"case {i} did not finish within {PerCase}: {Escape(input)}");
            }
            catch (HoconException hocon)
            {
                Assert.True(hocon.Line >= 1 && hocon.Column >= 1, $"case {i}: no position in '{hocon.Message}' for {Escape(input)}");
                Assert.StartsWith($"{hocon.File}:{hocon.Line}:{hocon.Column}: ", hocon.Message, StringComparison.Ordinal);
                rejected++;
            }
            catch (Exception other)
            {
                Assert.Fail($"case {i} threw {other} for {Escape(input)}");
            }
        }
        output.WriteLine($"{Cases} mutated inputs: {parsed} parsed, {rejected} rejected with a positioned error");
        // Both outcomes must be exercised, or the mutations are too weak (or too strong) to test anything.
        Assert.True(parsed > Cases / 20 && rejected > Cases / 20, $"parsed {parsed}, rejected {rejected}");
    }

    private static string Mutate(string seed, Random random)
    {
        var text = new StringBuilder(seed);
        var mutations = random.Next(1, 5);
        for (var m = 0; m < mutations; m++)
        {
            var at = random.Next(text.Length + 1);
            switch (random.Next(5))
            {
                case 0:
                    text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 1:
                    text.Remove(Math.Min(at, text.Length), Math.Min(random.Next(1, 8), text.Length - Math.Min(at, text.Length)));
                    break;
                case 2:
                    var length = Math.Min(random.Next(1, 40), text.Length - Math.Min(at, text.Length));
                    text.Insert(random.Next(text.Length + 1), text.ToString(Math.Min(at, text.Length), length));
                    break;
                case 3:
                    text.Insert(at, (char)random.Next(0, 0x3000));
                    break;
                default:
                    text.Length = Math.Min(text.Length, at);
                    break;
            }
        }
        return text.ToString();
    }

    private static string Escape(string input) => input.Replace("\n", "\\n", StringComparison.Ordinal);
}
