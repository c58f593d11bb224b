using ActorSupervisor.Cli.App;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Hocon;

namespace ActorSupervisor.Cli.Specs;

/// <summary>
/// HOCON spec files, in the node's own shape: <c>containers { web { cmd = "...", restart = always } }</c>,
/// or <c>actor-supervisor.containers { ... }</c> so that a node configuration file applies as it is.
/// Keys are the API's fields in kebab case (<c>stop-timeout</c>) or camel case (<c>stopTimeout</c>).
/// </summary>
internal sealed class HoconSpecFormat : ISpecFileFormat
{
    private static readonly string[] Sections = ["actor-supervisor.containers", "containers"];

    public IReadOnlyList<string> Extensions { get; } = [".conf", ".hocon"];

    public IReadOnlyList<ContainerSpecDto> Read(string fileName, string text)
    {
        var root = Parse(fileName, text);
        var section = Sections.FirstOrDefault(root.HasPath)
            ?? throw new UsageException($"{fileName}: expected containers {{ name {{ ... }} }} (or actor-supervisor.containers, as in a node's configuration)");
        var containers = root.GetValue(section) as HoconObject
            ?? throw new UsageException($"{root.PositionOf(section)}: setting '{section}': expected an object of containers keyed by name");
        return containers.Select(entry => HoconSpecFields.Read(entry.Value, entry.Key, $"{section}.{HoconPath.RenderKey(entry.Key)}")).ToList();
    }

    private static HoconObject Parse(string fileName, string text)
    {
        try
        {
            return HoconReader.Parse(text, Path.GetFullPath(fileName));
        }
        catch (HoconException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
