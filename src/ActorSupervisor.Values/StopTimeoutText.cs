using System.Globalization;

namespace ActorSupervisor.Values;

/// <summary>
/// A stop timeout as a user writes it: whole seconds, as Docker's <c>--stop-timeout</c> takes them (<c>10</c>),
/// or a duration (<c>1m30s</c>, see <see cref="GoDuration"/>); never negative.
/// </summary>
public static class StopTimeoutText
{
    /// <summary>Reads a stop timeout; on failure <paramref name="error"/> names the value and says what is accepted.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        var trimmed = text?.Trim();
        var isSeconds = int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds);
        value = TimeSpan.FromSeconds(seconds);
        if (!isSeconds && !GoDuration.TryParse(trimmed, out value, out _))
        {
            error = $"'{text}' is not a stop timeout; use whole seconds (10) or a duration such as 10s or 1m30s";
            return false;
        }
        if (value < TimeSpan.Zero)
        {
            value = TimeSpan.Zero;
            error = $"'{text}' cannot be negative";
            return false;
        }
        error = "";
        return true;
    }
}
