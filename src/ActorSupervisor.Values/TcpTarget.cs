using System.Globalization;

namespace ActorSupervisor.Values;

/// <summary>Where a TCP health probe connects: a host name or address, and a port (1–65535).</summary>
public sealed record TcpTarget(string Host, int Port)
{
    /// <summary><c>host:port</c>, with an IPv6 address in brackets, as the probe's test names it.</summary>
    public override string ToString() =>
        (Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads <c>host:port</c> (<c>[v6]:port</c>); false with the reason when it is not one.</summary>
    public static bool TryParse(string text, out TcpTarget target, out string error)
    {
        target = new TcpTarget("", 0);
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            error = "expected host:port, e.g. 127.0.0.1:5432";
            return false;
        }
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            error = "the host is empty or has spaces";
            return false;
        }
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = "the port must be a number from 1 to 65535";
            return false;
        }
        target = new TcpTarget(host, port);
        error = "";
        return true;
    }
}
