using ActorSupervisor.Hocon;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Client.Specs;

/// <summary>
/// One container read from HOCON: the raw spec, the path of its declaration (<c>containers.web</c>) and
/// where each field was written, so that a problem found later (a bad memory size, say) can be reported
/// at its own file, line and column.
/// </summary>
public sealed class HoconSpec
{
    private readonly IReadOnlyDictionary<string, HoconPosition> fieldPositions;

    /// <summary>Creates the result; <paramref name="fieldPositions"/> is keyed by camelCase field path (<c>healthcheck.startPeriod</c>).</summary>
    public HoconSpec(RawContainerSpec spec, string path, HoconPosition position, IReadOnlyDictionary<string, HoconPosition> fieldPositions)
    {
        Spec = spec;
        Path = path;
        Position = position;
        this.fieldPositions = fieldPositions;
    }

    /// <summary>The container as written, named by its key.</summary>
    public RawContainerSpec Spec { get; }

    /// <summary>The HOCON path of the declaration, e.g. <c>actor-supervisor.containers.web</c>.</summary>
    public string Path { get; }

    /// <summary>Where the declaration's object starts.</summary>
    public HoconPosition Position { get; }

    /// <summary>
    /// Where <paramref name="field"/> (a camelCase path such as <c>healthcheck.startPeriod</c>, as the spec
    /// parser names fields) was written; a field not written itself is located at its nearest enclosing one.
    /// </summary>
    public HoconPosition PositionOf(string field)
    {
        for (var path = field; path.Length > 0; path = path.Contains('.', StringComparison.Ordinal) ? path[..path.LastIndexOf('.')] : "")
        {
            if (fieldPositions.TryGetValue(path, out var position)) return position;
        }
        return Position;
    }

    /// <summary>The HOCON path of <paramref name="field"/> in kebab case, e.g. <c>containers.web.healthcheck.start-period</c>.</summary>
    public string PathOf(string field) => Path + "." + HoconSpecKeys.KebabPath(field);
}
