using ActorSupervisor.Cli.App;
using ActorSupervisor.Client.Specs;
using ActorSupervisor.Hocon;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Specs;

/// <summary>
/// HOCON spec files, in the node's own shape: <c>containers { web { cmd = "...", restart = always } }</c>,
/// or <c>actor-supervisor.containers { ... }</c> so that a node configuration file applies as it is.
/// The node's own reader (<see cref="HoconSpecReader"/>) reads them, so a file means here what it means there.
/// </summary>
internal sealed class HoconSpecFormat : ISpecFileFormat
{
    public IReadOnlyList<string> Extensions { get; } = [".conf", ".hocon"];

    public IReadOnlyList<RawContainerSpec> Read(string fileName, string text)
    {
        try
        {
            var root = HoconReader.Parse(text, Path.GetFullPath(fileName));
            return HoconSpecReader.ReadFile(root).Select(declared => declared.Spec).ToList();
        }
        catch (Exception e) when (e is HoconException or HoconSpecException)
        {
            throw new UsageException(e.Message);
        }
    }
}
