using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ActorSupervisor.Dashboard.Tests;

/// <summary>
/// With two real nodes in one cluster (a PostgreSQL journal of the test's own, ASV_TEST_PG), the dashboard adds the members
/// and the shards; a single node shows neither.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ClusterBrowserTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    [Fact]
    public async Task Two_nodes_show_their_members_and_shards()
    {
        var (connection, database) = ClusterNodeConfig.CreateDatabase("asv_dash");
        var ports = new[] { NodeProcess.FreePort(), NodeProcess.FreePort() };
        var nodes = new List<NodeProcess>();
        try
        {
            nodes.Add(await NodeProcess.StartAsync(Config(1, ports[0], connection, "")));
            nodes.Add(await NodeProcess.StartAsync(Config(2, ports[1], connection, $"\"akka.tcp://asv@127.0.0.1:{ports[0]}\"")));
            await Eventually.TrueAsync(async () => (await nodes[0].Client.GetClusterMembersAsync()).Members.Count(m => m.Status == "up") == 2,
                "both members are up", TimeSpan.FromSeconds(60));
            for (var i = 0; i < 6; i++)
                await nodes[0].Client.CreateRetryingAsync(new() { Name = $"c{i}", Cmd = "sleep 300" }, output.WriteLine);

            var page = await browser.Instance.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await page.GotoAsync(nodes[1].Url.ToString());
            await page.FillAsync("#token", nodes[1].Token);
            await page.ClickAsync("#login button[type=submit]");

            await Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await Expect(page.Locator("#members")).ToContainTextAsync("node-1");
            await Expect(page.Locator("#members")).ToContainTextAsync("node-2 (this node)");
            await Expect(page.Locator("#shards")).ToContainTextAsync("shards allocated", new() { Timeout = 30_000 });
            // The members' containers add up to all six, wherever their entities live.
            await Expect(page.Locator("#shards")).ToContainTextAsync("node-", new() { Timeout = 30_000 });
            await Eventually.TrueAsync(async () => (await page.Locator("#members td.containers").AllTextContentsAsync()).Sum(int.Parse) == 6,
                "the members table counts all six containers", TimeSpan.FromSeconds(30));
            await Browser.ScreenshotAsync(page, "cluster");
            await page.CloseAsync();
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
            ClusterNodeConfig.DropDatabase(database);
        }
    }

    private static string Config(int n, int port, string connection, string seeds) => ClusterNodeConfig.For("dash-cluster", n, port, connection, seeds);

}
