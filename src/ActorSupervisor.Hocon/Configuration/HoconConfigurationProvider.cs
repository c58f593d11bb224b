using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Configuration;

namespace ActorSupervisor.Hocon;

/// <summary>
/// Loads a HOCON file into configuration keys: <c>akka.cluster.roles</c> becomes <c>akka:cluster:roles</c>,
/// array elements <c>:0</c>, <c>:1</c>. Values are the scalars' text (so <c>30s</c> stays <c>30s</c>;
/// read it with <see cref="HoconDuration"/>). A file with an error throws <see cref="HoconException"/> and
/// leaves the previous data in place.
/// </summary>
public sealed class HoconConfigurationProvider : FileConfigurationProvider
{
    private Dictionary<string, HoconPosition> _positions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the provider for a source.</summary>
    public HoconConfigurationProvider(HoconConfigurationSource source)
        : base(source)
    {
    }

    /// <summary>The resolved file as last read successfully; null until a file has been read.</summary>
    public HoconObject? Root { get; private set; }

    /// <summary>
    /// Where the value of a configuration key (<c>a:b:0</c>) was written in the HOCON file(s), to report a
    /// value the program rejects with its file and line; null when this file did not set the key.
    /// </summary>
    public HoconPosition? PositionOf(string key) => _positions.TryGetValue(key, out var position) ? position : null;

    /// <summary>Loads the file; a HOCON error surfaces as the <see cref="HoconException"/> itself, not wrapped.</summary>
    public override void Load()
    {
        try
        {
            base.Load();
        }
        catch (InvalidDataException e) when (e.InnerException is HoconException hocon)
        {
            ExceptionDispatchInfo.Throw(hocon);
        }
    }

    /// <inheritdoc />
    public override void Load(Stream stream)
    {
        var source = (HoconConfigurationSource)Source;
        var file = source.FileProvider?.GetFileInfo(source.Path ?? "").PhysicalPath ?? source.Path ?? "(stream)";
        using var reader = new StreamReader(stream);
        var options = new HoconReaderOptions
        {
            BaseDirectory = Path.GetDirectoryName(file),
            EnvironmentVariables = source.EnvironmentVariables,
        };
        var root = HoconReader.Parse(reader.ReadToEnd(), file, options);
        var (data, positions) = ConfigurationKeys.Flatten(root);
        Root = root;
        _positions = positions;
        Data = data;
    }
}
