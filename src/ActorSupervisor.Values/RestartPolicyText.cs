using System.Globalization;

namespace ActorSupervisor.Values;

/// <summary>
/// Restart policies as <c>docker run --restart</c> reads them (docker/cli <c>opts.ParseRestartPolicy</c>):
/// <c>no</c> (or empty), <c>always</c>, <c>unless-stopped</c>, <c>on-failure[:N]</c> where N = 0 means no limit.
/// Names are case-sensitive and white space is not trimmed, as in Docker: <c>" always"</c> is not a policy.
/// </summary>
public static class RestartPolicyText
{
    private const string Hint = "use no, always, unless-stopped or on-failure[:max-retries]";

    /// <summary>
    /// Reads a policy into its kind and, for <c>on-failure</c>, its maximum retry count (0: no limit).
    /// On failure <paramref name="error"/> names the value and says what is accepted.
    /// </summary>
    public static bool TryParse(string? text, out RestartPolicyKind kind, out int maximumRetryCount, out string error)
    {
        kind = RestartPolicyKind.No;
        maximumRetryCount = 0;
        error = "";
        if (text is not null && text.Length > 0 && text.Trim().Length != text.Length)
        {
            error = $"'{text}' is not a restart policy: it has white space around the name; {Hint}";
            return false;
        }
        var parts = (text ?? "").Split(':');
        RestartPolicyKind? named = parts[0] switch
        {
            "" or "no" => RestartPolicyKind.No,
            "always" => RestartPolicyKind.Always,
            "unless-stopped" => RestartPolicyKind.UnlessStopped,
            "on-failure" => RestartPolicyKind.OnFailure,
            _ => null,
        };
        if (named is null || parts.Length > 2)
        {
            error = $"'{text}' is not a restart policy; {Hint}";
            return false;
        }
        if (parts.Length == 2 && named != RestartPolicyKind.OnFailure)
        {
            error = $"'{text}': maximum retries are only valid with on-failure";
            return false;
        }
        var count = 0;
        if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count) || count < 0))
        {
            error = $"'{text}': maximum retries must be a whole number 0 or more";
            return false;
        }
        kind = named.Value;
        maximumRetryCount = count;
        return true;
    }

    /// <summary>
    /// The policy as a user types it: <c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure</c>,
    /// <c>on-failure:5</c>. A retry count is written only for <c>on-failure</c> and only when it limits.
    /// </summary>
    public static string Format(RestartPolicyKind kind, int maximumRetryCount) => kind switch
    {
        RestartPolicyKind.Always => "always",
        RestartPolicyKind.UnlessStopped => "unless-stopped",
        RestartPolicyKind.OnFailure when maximumRetryCount > 0 => "on-failure:" + maximumRetryCount.ToString(CultureInfo.InvariantCulture),
        RestartPolicyKind.OnFailure => "on-failure",
        _ => "no",
    };

    /// <summary>
    /// Checks a policy and gives its canonical form (<c>on-failure:0</c> becomes <c>on-failure</c>, empty becomes <c>no</c>),
    /// so that two spellings of one policy compare equal. On failure <paramref name="canonical"/> is <c>no</c>.
    /// </summary>
    public static bool TryNormalize(string? text, out string canonical, out string error)
    {
        var valid = TryParse(text, out var kind, out var count, out error);
        canonical = Format(kind, count);
        return valid;
    }
}
