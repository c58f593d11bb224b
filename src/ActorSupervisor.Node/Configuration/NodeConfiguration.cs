using ActorSupervisor.Hocon;
using Microsoft.Extensions.Configuration;

namespace ActorSupervisor.Node.Configuration;

/// <summary>
/// The node's configuration layers: <c>reference.conf</c> (next to the binary), then the node's file
/// (<c>--config PATH</c>, else <c>$ASV_CONFIG</c>, else <c>hocon/node.conf</c> when it exists), then
/// environment variables prefixed <c>ASV_</c> (<c>ASV_actor-supervisor__node__api__port=7500</c>).
/// </summary>
public static class NodeConfiguration
{
    /// <summary>The prefix of environment variables that override settings.</summary>
    public const string EnvironmentPrefix = "ASV_";

    /// <summary>The node's file chosen by <paramref name="args"/> and the environment, or null for none.</summary>
    /// <exception cref="NodeConfigurationException"><c>--config</c> lacks its path or names a missing file.</exception>
    public static string? ConfigFile(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--config")
            {
                if (i + 1 >= args.Count)
                    throw new NodeConfigurationException("--config needs a path, e.g. --config hocon/node.conf");
                return RequireFile(args[i + 1], "--config");
            }
        }
        if (Environment.GetEnvironmentVariable("ASV_CONFIG") is { Length: > 0 } fromEnvironment)
            return RequireFile(fromEnvironment, "ASV_CONFIG");
        var conventional = Path.GetFullPath(Path.Combine("hocon", "node.conf"));
        return File.Exists(conventional) ? conventional : null;
    }

    /// <summary>Adds the layers to <paramref name="builder"/>.</summary>
    public static IConfigurationBuilder AddNodeLayers(this IConfigurationBuilder builder, string? configFile)
    {
        builder.AddHocon(Path.Combine(AppContext.BaseDirectory, "reference.conf"));
        if (configFile is not null)
            builder.AddHocon(configFile);
        return builder.AddEnvironmentVariables(EnvironmentPrefix);
    }

    /// <summary>Reads and checks the node's options from <paramref name="configuration"/>.</summary>
    /// <exception cref="NodeConfigurationException">A setting is missing or unusable; the message locates it.</exception>
    public static NodeOptions ReadOptions(IConfigurationRoot configuration, string? configFile) =>
        NodeOptionsReader.Read(new SettingReader(configuration, EnvironmentPrefix), configFile);

    private static string RequireFile(string path, string source)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full) ? full : throw new NodeConfigurationException($"{source}: configuration file not found: {full}");
    }
}
