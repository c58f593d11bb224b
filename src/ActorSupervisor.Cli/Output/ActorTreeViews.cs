using System.Globalization;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Output;

/// <summary>
/// What <c>node actors</c> prints: the sharding regions this node hosts, then one actor path per line as pbm's
/// <c>actor hierarchy</c> does, with a count line where a level was cut.
/// </summary>
internal static class ActorTreeViews
{
    public static void Tree(CliOutput output, ActorTreeView tree)
    {
        if (output.IsJson)
        {
            output.Json(tree, ApiJsonContext.Default.ActorTreeView);
            return;
        }
        var regions = PlainTable.Create("REGION", "SHARDS", "ENTITIES");
        foreach (var region in tree.Regions)
            PlainTable.AddRow(regions, region.TypeName, Number(region.Shards), Number(region.Entities));
        output.Render(regions);
        output.Line("");
        output.Line(tree.Root.Path);
        foreach (var child in tree.Root.Children)
            Write(output, child, tree.Root.Path.TrimEnd('/'));
    }

    private static void Write(CliOutput output, ActorNode node, string rootAddress)
    {
        var path = Relative(node.Path, rootAddress);
        output.Line(path);
        foreach (var child in node.Children)
            Write(output, child, rootAddress);
        if (node.Omitted > 0)
            output.Line($"{path}/... {Number(node.Omitted)} more of {Number(node.ChildCount)} (--all lists every one)");
    }

    private static string Relative(string path, string rootAddress) =>
        path.StartsWith(rootAddress, StringComparison.Ordinal) ? path[rootAddress.Length..] : path;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
