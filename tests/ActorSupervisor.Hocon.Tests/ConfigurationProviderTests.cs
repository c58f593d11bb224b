using Microsoft.Extensions.Configuration;

namespace ActorSupervisor.Hocon.Tests;

public sealed class ConfigurationProviderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hocon-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public sealed class ClusterOptions
    {
        public string Name { get; set; } = "";

        public int Port { get; set; }

        public List<string> Roles { get; set; } = [];
    }

    [Fact]
    public void Paths_become_colon_keys_and_arrays_get_indexes()
    {
        var path = Write("node.conf", "akka.cluster { name = main, port = 2551, roles = [web, \"db\"], seed { host = ${?NOPE} } }\nempty {}\nnothing = null");
        var config = new ConfigurationBuilder().AddHocon(path).Build();
        Assert.Equal("main", config["akka:cluster:name"]);
        Assert.Equal("2551", config["AKKA:Cluster:Port"]);
        Assert.Equal("web", config["akka:cluster:roles:0"]);
        Assert.Equal("db", config["akka:cluster:roles:1"]);
        Assert.Contains(config.AsEnumerable(), kv => kv is { Key: "empty", Value: null });
        Assert.Null(config["nothing"]);
        var options = config.GetSection("akka:cluster").Get<ClusterOptions>()!;
        Assert.Equal(("main", 2551), (options.Name, options.Port));
        Assert.Equal(["web", "db"], options.Roles);
    }

    [Fact]
    public void Environment_variables_added_after_the_file_override_it()
    {
        var prefix = $"ASVTEST{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "akka__cluster__port", "9999");
        try
        {
            var path = Write("node.conf", "akka.cluster { name = main, port = 2551 }");
            var config = new ConfigurationBuilder().AddHocon(path).AddEnvironmentVariables(prefix).Build();
            Assert.Equal("9999", config["akka:cluster:port"]);
            Assert.Equal("main", config["akka:cluster:name"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "akka__cluster__port", null);
        }
    }

    [Fact]
    public void Layered_files_merge_key_by_key()
    {
        var reference = Write("reference.conf", "actor-supervisor { a = 1, b = 1 }");
        var node = Write("node.conf", "actor-supervisor.b = 2");
        var config = new ConfigurationBuilder().AddHocon(reference).AddHocon(node).Build();
        Assert.Equal(("1", "2"), (config["actor-supervisor:a"], config["actor-supervisor:b"]));
    }

    [Fact]
    public void A_relative_path_uses_the_builder_base_path_and_includes_resolve_next_to_the_file()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "hocon"));
        File.WriteAllText(Path.Combine(_dir, "hocon", "part.conf"), "x = 1");
        File.WriteAllText(Path.Combine(_dir, "hocon", "node.conf"), "include \"part.conf\"\ny = ${x}");
        var config = new ConfigurationBuilder().SetBasePath(_dir).AddHocon("hocon/node.conf").Build();
        Assert.Equal(("1", "1"), (config["x"], config["y"]));
    }

    [Fact]
    public void A_bad_file_fails_with_file_line_and_column()
    {
        var path = Write("bad.conf", "a = 1\nb = [1, 2\n");
        var error = Assert.Throws<HoconException>(() => new ConfigurationBuilder().AddHocon(path).Build());
        Assert.Equal((path, 3, 1), (error.File, error.Line, error.Column));
        Assert.Contains("expected ']' to close the array opened at line 2, column 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_error_unless_optional()
    {
        var missing = Path.Combine(_dir, "none.conf");
        Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().AddHocon(missing).Build());
        Assert.Empty(new ConfigurationBuilder().AddHocon(missing, optional: true).Build().AsEnumerable());
    }

    [Fact]
    public void A_failed_reload_keeps_the_previous_configuration_whole()
    {
        var path = Write("node.conf", "a = 1\nb = 2");
        var config = new ConfigurationBuilder().AddHocon(path).Build();
        var provider = config.Providers.OfType<HoconConfigurationProvider>().Single();
        File.WriteAllText(path, "a = 10\nb = ${undefined}");
        Assert.Throws<HoconException>(provider.Load);
        Assert.Equal(("1", "2"), (config["a"], config["b"]));
        Assert.Equal(2, provider.Root!.GetInt("b"));
    }

    [Fact]
    public void Positions_of_configuration_keys_lead_back_to_the_file()
    {
        var path = Write("node.conf", "node {\n  timeout = 5 parsecs\n  roles = [a,\n    b]\n}");
        var config = new ConfigurationBuilder().AddHocon(path).Build();
        var provider = config.Providers.OfType<HoconConfigurationProvider>().Single();
        Assert.Equal(new HoconPosition(path, 2, 13), provider.PositionOf("node:timeout"));
        Assert.Equal(new HoconPosition(path, 4, 5), provider.PositionOf("Node:Roles:1"));
        Assert.Null(provider.PositionOf("node:nope"));
        var error = Assert.Throws<HoconException>(() => provider.Root!.GetDuration("node.timeout"));
        Assert.Equal((path, 2, 13, "node.timeout"), (error.File, error.Line, error.Column, error.Path));
    }

    [Fact]
    public void Substitutions_read_the_source_environment_lookup()
    {
        var path = Write("node.conf", "home = ${HOME}");
        var config = new ConfigurationBuilder()
            .AddHocon(s =>
            {
                s.Path = path;
                s.EnvironmentVariables = name => name == "HOME" ? "/custom" : null;
                s.ResolveFileProvider();
            })
            .Build();
        Assert.Equal("/custom", config["home"]);
    }
}
