namespace ActorSupervisor.Values.Specs;

/// <summary>
/// The forms of a health check's <c>test</c>: Docker's <c>CMD</c>, <c>CMD-SHELL</c> and <c>NONE</c>, and the node's own
/// network probes <c>HTTP</c> (Kubernetes' httpGet) and <c>TCP</c> (tcpSocket). One rule for the CLI and the node.
/// </summary>
public static class HealthTest
{
    /// <summary>No health check (and none inherited).</summary>
    public const string None = "NONE";

    /// <summary>A command, exec form: <c>["CMD", program, args...]</c>.</summary>
    public const string Cmd = "CMD";

    /// <summary>A command, shell form: <c>["CMD-SHELL", script]</c>.</summary>
    public const string CmdShell = "CMD-SHELL";

    /// <summary>An HTTP GET from the node: <c>["HTTP", url]</c>; a status of 200–399 passes.</summary>
    public const string Http = "HTTP";

    /// <summary>A TCP connect from the node: <c>["TCP", host:port]</c>; an open connection passes.</summary>
    public const string Tcp = "TCP";

    /// <summary>Every form, for messages.</summary>
    public const string Forms = "[\"CMD\", program, args...], [\"CMD-SHELL\", script], [\"HTTP\", url], [\"TCP\", host:port] or [\"NONE\"]";

    /// <summary>Why <paramref name="test"/> is not one of the forms, or null when it is.</summary>
    public static string? Problem(IReadOnlyList<string>? test)
    {
        if (test is null || test.Count == 0) return "is required: " + Forms;
        return test[0] switch
        {
            None => test.Count == 1 ? null : "NONE takes nothing after it",
            Cmd => test.Count >= 2 ? null : "CMD needs the program to run: [\"CMD\", prog, args...]",
            CmdShell => test.Count == 2 ? null : "CMD-SHELL takes exactly one script: [\"CMD-SHELL\", \"script\"]",
            Http => test.Count == 2 ? UrlProblem(test[1]) : "HTTP takes exactly one URL: [\"HTTP\", \"http://127.0.0.1:8080/healthz\"]",
            Tcp => test.Count != 2 ? "TCP takes exactly one address: [\"TCP\", \"127.0.0.1:5432\"]"
                : TcpTarget.TryParse(test[1], out _, out var error) ? null : error,
            _ => $"unknown test type '{test[0]}': expected CMD, CMD-SHELL, HTTP, TCP or NONE",
        };
    }

    /// <summary>The URL of an HTTP test that <see cref="Problem"/> accepted.</summary>
    public static Uri Url(string text) => new(text, UriKind.Absolute);

    private static string? UrlProblem(string text) =>
        !Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            ? "expected an absolute http:// or https:// URL, e.g. http://127.0.0.1:8080/healthz"
            : url.UserInfo.Length > 0 ? "must not carry a user or password: they would be stored in the container's history" : null;
}
