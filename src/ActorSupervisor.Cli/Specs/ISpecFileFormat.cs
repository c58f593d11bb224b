using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Specs;

/// <summary>
/// One spec file language. JSON is built in; a HOCON format plugs in by implementing this over the
/// project's HOCON reader and being added to <see cref="SpecFileReader"/>.
/// </summary>
internal interface ISpecFileFormat
{
    /// <summary>The file name endings it reads, with the dot (<c>.json</c>).</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// The containers the text declares, in file order. Throws <see cref="App.UsageException"/> naming the
    /// file and the position or path of what is wrong.
    /// </summary>
    IReadOnlyList<RawContainerSpec> Read(string fileName, string text);
}
