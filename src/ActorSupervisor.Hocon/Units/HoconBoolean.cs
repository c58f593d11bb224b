namespace ActorSupervisor.Hocon;

/// <summary>HOCON booleans: <c>true</c>/<c>false</c>, <c>yes</c>/<c>no</c>, <c>on</c>/<c>off</c> (any case).</summary>
public static class HoconBoolean
{
    /// <summary>Parses one of the six boolean words; false when the text is none of them.</summary>
    public static bool TryParse(string text, out bool value)
    {
        var word = text.Trim().ToLowerInvariant();
        value = word is "true" or "yes" or "on";
        return value || word is "false" or "no" or "off";
    }
}
