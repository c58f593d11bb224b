using Microsoft.Extensions.Configuration;

namespace ActorSupervisor.Hocon;

/// <summary>Flattens a resolved object into <c>a:b:0</c> keys, as the JSON provider does for JSON.</summary>
internal static class ConfigurationKeys
{
    public static (Dictionary<string, string?> Data, Dictionary<string, HoconPosition> Positions) Flatten(HoconObject root)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var positions = new Dictionary<string, HoconPosition>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root)
        {
            Add(key, value, data, positions);
        }
        return (data, positions);
    }

    private static void Add(string key, HoconValue value, Dictionary<string, string?> data, Dictionary<string, HoconPosition> positions)
    {
        positions[key] = value.Position;
        switch (value)
        {
            case HoconObject { Count: > 0 } obj:
                foreach (var (child, childValue) in obj)
                {
                    Add(ConfigurationPath.Combine(key, child), childValue, data, positions);
                }
                break;
            case HoconArray { Count: > 0 } array:
                for (var i = 0; i < array.Count; i++)
                {
                    Add(ConfigurationPath.Combine(key, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), array[i], data, positions);
                }
                break;
            case HoconScalar scalar:
                data[key] = scalar.Text;
                break;
            default:
                // An empty object or array still shows that the section exists, as with the JSON provider.
                data[key] = null;
                break;
        }
    }
}
