using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Hocon;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Client.Specs;

/// <summary>
/// Reads HOCON group declarations, <c>actor-supervisor.groups { NAME { strategy = one_for_all, members = [db, app],
/// intensity { max-restarts = 3, window = 1m } } }</c>, into the API's create request (keys are its JSON fields in kebab
/// or camel case, as for containers). Anything else throws <see cref="HoconSpecException"/> with its file, line and
/// path. Values stay text: the group definition parser judges them.
/// </summary>
public static class HoconGroupReader
{
    /// <summary>Where a node's configuration declares its groups.</summary>
    public const string NodeSection = "actor-supervisor.groups";

    private const string GroupExample = "{ strategy = one_for_all, members = [db, app] }";

    /// <summary>The groups declared at <paramref name="section"/> of <paramref name="root"/>, in file order.</summary>
    public static IReadOnlyList<HoconGroup> ReadSection(HoconObject root, string section)
    {
        ArgumentNullException.ThrowIfNull(root);
        var groups = root.GetValue(section) as HoconObject
            ?? throw new HoconSpecException(root.PositionOf(section), section, null, "expected an object of groups keyed by name");
        return groups.Select(entry => ReadGroup(entry.Value, entry.Key, $"{section}.{HoconPath.RenderKey(entry.Key)}")).ToList();
    }

    /// <summary>One group named <paramref name="name"/> (its key), declared at <paramref name="path"/>.</summary>
    public static HoconGroup ReadGroup(HoconValue value, string name, string path)
    {
        ArgumentNullException.ThrowIfNull(value);
        var positions = new Dictionary<string, HoconPosition>(StringComparer.Ordinal);
        var fields = HoconSpecFields.Open<GroupCreateRequest>(value, path, "", GroupExample, positions);
        if (fields.Text("name") is { } given && given != name)
            throw HoconSpecFields.Error(fields.Get("name")!.Value.Value, path + ".name", $"'{given}' differs from its key '{name}'; drop one");
        var request = new GroupCreateRequest
        {
            Name = name,
            Strategy = fields.Text("strategy"),
            Members = fields.List("members"),
            Intensity = fields.Child("intensity", "{ max-restarts = 3, window = 1m }", intensity => new RawIntensity
            {
                MaxRestarts = intensity.Int("maxRestarts"),
                Window = intensity.Text("window"),
            }),
        };
        return new HoconGroup(request, path, value.Position, positions);
    }
}

/// <summary>One group read from HOCON: the request as written, the path of its declaration and where each field was written.</summary>
/// <param name="Request">The group as the API's create request, named by its key.</param>
/// <param name="Path">The HOCON path of the declaration, e.g. <c>actor-supervisor.groups.stack</c>.</param>
/// <param name="Position">Where the declaration's object starts.</param>
/// <param name="FieldPositions">Where each field was written, keyed by camelCase field path (<c>intensity.maxRestarts</c>).</param>
public sealed record HoconGroup(GroupCreateRequest Request, string Path, HoconPosition Position, IReadOnlyDictionary<string, HoconPosition> FieldPositions)
{
    /// <summary>Where <paramref name="field"/> was written; a field not written itself is located at its nearest enclosing one.</summary>
    public HoconPosition PositionOf(string field)
    {
        for (var path = field; path.Length > 0; path = path.Contains('.', StringComparison.Ordinal) ? path[..path.LastIndexOf('.')] : "")
        {
            if (FieldPositions.TryGetValue(path, out var position)) return position;
        }
        return Position;
    }

    /// <summary>The HOCON path of <paramref name="field"/> in kebab case, e.g. <c>actor-supervisor.groups.stack.intensity.max-restarts</c>.</summary>
    public string PathOf(string field) => Path + "." + HoconSpecKeys.KebabPath(field);
}
