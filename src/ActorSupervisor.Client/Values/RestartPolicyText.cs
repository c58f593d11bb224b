using System.Globalization;

namespace ActorSupervisor.Client.Values;

/// <summary>Restart policies as Docker writes them: <c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure[:N]</c>.</summary>
public static class RestartPolicyText
{
    /// <summary>Checks a policy and returns its canonical form (<c>on-failure:0</c> becomes <c>on-failure</c>).</summary>
    public static bool TryNormalize(string? text, out string canonical, out string error)
    {
        canonical = "no";
        error = $"'{text}' is not a restart policy; use no, always, unless-stopped or on-failure[:max-retries]";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split(':', 2);
        var name = parts[0];
        if (name is "no" or "always" or "unless-stopped")
        {
            if (parts.Length == 2)
            {
                error = $"'{text}': maximum retries are only valid with on-failure";
                return false;
            }
            canonical = name;
            return true;
        }
        if (name != "on-failure") return false;
        if (parts.Length == 1)
        {
            canonical = name;
            return true;
        }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var retries))
        {
            error = $"'{text}': maximum retries must be a whole number 0 or more";
            return false;
        }
        canonical = retries == 0 ? name : $"{name}:{retries.ToString(CultureInfo.InvariantCulture)}";
        return true;
    }

    /// <summary>The canonical form, or <see cref="FormatException"/> saying what is accepted.</summary>
    public static string Normalize(string text) =>
        TryNormalize(text, out var canonical, out var error) ? canonical : throw new FormatException(error);
}
