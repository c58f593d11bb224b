using System.Globalization;
using Microsoft.Extensions.Hosting.Systemd;

namespace ActorSupervisor.Node.Hosting;

/// <summary>
/// Tells systemd (<c>Type=notify</c>) where the node is: <c>READY=1</c> once every container is recovered and the
/// declared ones exist (not when the API starts serving, which is earlier), <c>STOPPING=1</c> when shutdown begins,
/// and a <c>STATUS=</c> line <c>systemctl status</c> shows. Silent unless the service manager set <c>NOTIFY_SOCKET</c>.
/// </summary>
internal sealed class ServiceManagerNotifications(ISystemdNotifier notifier)
{
    /// <summary>Start-up began: recovery can take a while on a large journal.</summary>
    public void Recovering() => Send("STATUS=recovering containers from the journal\n");

    /// <summary>The node is ready: dependent units may start.</summary>
    public void Ready(int containers) =>
        Send(string.Create(CultureInfo.InvariantCulture, $"READY=1\nSTATUS=ready: {containers} containers\n"));

    /// <summary>Shutdown began.</summary>
    public void Stopping() => Send("STOPPING=1\nSTATUS=stopping\n");

    /// <summary>Start-up failed; the process exits next with a failure code.</summary>
    public void Failed(string reason) => Send("STATUS=start-up failed: " + reason.ReplaceLineEndings(" ") + "\n");

    private void Send(string message)
    {
        if (notifier.IsEnabled) notifier.Notify(new ServiceState(message));
    }
}
