using ActorSupervisor.Cli.App;

namespace ActorSupervisor.Cli.Tests.Parsing;

/// <summary>Issue 14: where asv takes the node's token from, in order; a local token never goes to another machine.</summary>
public sealed class TokenLookupTests : IDisposable
{
    private static readonly Uri Local = new("http://127.0.0.1:7411");
    private readonly string _directory = Directory.CreateTempSubdirectory("asv-token-lookup-").FullName;
    private readonly Dictionary<string, string?> _variables = new();

    public TokenLookupTests()
    {
        File.WriteAllText(Path.Combine(_directory, "api.token"), "from-data-dir-0123456789\n");
        File.WriteAllText(Path.Combine(_directory, "explicit.token"), "from-file-0123456789\n");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private FoundToken Find(string? flag = null, string? file = null, Uri? node = null) =>
        TokenLookup.Find(flag, file, node ?? Local, name => _variables.GetValueOrDefault(name));

    [Fact]
    public void The_order_is_flag_variable_file_flag_file_variable_then_the_data_directory()
    {
        _variables["ASV_DATA_DIR"] = _directory;
        Assert.Equal("from-data-dir-0123456789", Find().Token);

        _variables["ASV_TOKEN_FILE"] = Path.Combine(_directory, "explicit.token");
        Assert.Equal("from-file-0123456789", Find().Token);
        Assert.Equal("from-file-0123456789", Find(file: Path.Combine(_directory, "explicit.token")).Token);

        _variables["ASV_TOKEN"] = "from-variable";
        Assert.Equal(("from-variable", "ASV_TOKEN"), (Find().Token, Find().Source));
        Assert.Equal(("from-flag", "--token"), (Find(flag: "from-flag").Token, Find(flag: "from-flag").Source));
    }

    [Fact]
    public void A_local_token_file_is_not_sent_to_a_node_on_another_machine()
    {
        _variables["ASV_DATA_DIR"] = _directory;

        Assert.Null(Find(node: new Uri("http://10.0.0.5:7411")).Token);
        Assert.Equal("from-data-dir-0123456789", Find(node: new Uri("http://localhost:7411")).Token);
    }

    [Fact]
    public void An_explicit_file_that_cannot_be_read_or_is_empty_is_a_usage_error()
    {
        File.WriteAllText(Path.Combine(_directory, "empty.token"), " \n");

        Assert.Contains("missing.token", Assert.Throws<UsageException>(() => Find(file: Path.Combine(_directory, "missing.token"))).Message);
        Assert.Contains("empty", Assert.Throws<UsageException>(() => Find(file: Path.Combine(_directory, "empty.token"))).Message);
    }
}
