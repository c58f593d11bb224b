using System.Globalization;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Client.Values;
using Spectre.Console;

namespace ActorSupervisor.Cli.Output;

/// <summary>What <c>node info</c> and <c>cluster show</c> print.</summary>
internal static class NodeViews
{
    public static void NodeInfo(CliOutput output, NodeInfo node)
    {
        if (output.IsJson)
        {
            output.Json(node, ApiJsonContext.Default.NodeInfo);
            return;
        }
        output.Render(PlainTable.Properties(
        [
            ("Node", node.NodeId),
            ("Version", node.Version),
            ("Uptime", $"{ContainerStatusText.Humanize(TimeSpan.FromSeconds(node.UptimeSeconds))} (since {TextFormat.Time(node.StartedAt)})"),
            ("Mode", node.Mode),
            ("Member", node.MemberStatus is null ? "-" : $"{node.MemberStatus} at {node.ClusterAddress}"),
            ("Data store", $"{node.DataStore.Kind} {node.DataStore.Location}"),
            ("Default runtime", node.DefaultRuntime),
            ("Containers", $"{node.Containers.ToString(CultureInfo.InvariantCulture)} ({node.Running.ToString(CultureInfo.InvariantCulture)} running)"),
        ]));
        output.Line("");
        var table = PlainTable.Create("FEATURE", "AVAILABLE", "DETAIL");
        foreach (var runtime in node.Runtimes) AddCapability(table, "runtime " + runtime.Name, runtime);
        foreach (var capability in node.Capabilities) AddCapability(table, capability.Name, capability);
        output.Render(table);
    }

    public static void Members(CliOutput output, ClusterView cluster)
    {
        if (output.IsJson)
        {
            output.Json(cluster, ApiJsonContext.Default.ClusterView);
            return;
        }
        var leader = cluster.Leader is null ? "no leader yet" : $"leader {cluster.Leader}";
        output.Line($"Cluster ({cluster.Mode}), {cluster.Members.Count} members, {leader}; answered by {cluster.Self}:");
        var table = PlainTable.Create("NODE", "STATUS", "ROLES", "SHARDS", "CONTAINERS", "CLUSTER ADDRESS", "API", "JOINED");
        foreach (var m in cluster.Members.OrderBy(m => m.NodeId, StringComparer.Ordinal))
        {
            var name = m.NodeId + (m.NodeId == cluster.Self ? " (self)" : "") + (m.Leader ? " (leader)" : "");
            var status = m.Unreachable ? m.Status + ", unreachable" : m.Status;
            table.AddRow(PlainTable.Cell(name), PlainTable.Cell(status, StatusStyle(m.Unreachable ? "unreachable" : m.Status)),
                PlainTable.Cell(m.Roles.Count == 0 ? "-" : string.Join(",", m.Roles)),
                PlainTable.Cell(m.Shards.ToString(CultureInfo.InvariantCulture)), PlainTable.Cell(m.Containers.ToString(CultureInfo.InvariantCulture)),
                PlainTable.Cell(m.ClusterAddress ?? "-"), PlainTable.Cell(m.Address), PlainTable.Cell(TextFormat.Time(m.JoinedAt)));
        }
        output.Render(table);
    }

    private static void AddCapability(Table table, string name, CapabilityInfo capability) =>
        table.AddRow(PlainTable.Cell(name), PlainTable.Cell(TextFormat.YesNo(capability.Available), capability.Available ? new Style(Color.Green) : new Style(Color.Yellow)),
            PlainTable.Cell(capability.Detail));

    private static Style StatusStyle(string status) => status switch
    {
        "up" => new Style(Color.Green),
        "down" or "unreachable" => new Style(Color.Red),
        _ => new Style(Color.Yellow),
    };
}
