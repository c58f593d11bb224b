using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActorSupervisor.Dashboard.Tests;

/// <summary>The dashboard in a real chromium against a real node process running real processes.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DashboardBrowserTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly LocatorAssertionsToHaveCountOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task Without_the_token_the_page_shows_a_sign_in_form_and_no_data()
    {
        await using var node = await NodeProcess.StartAsync();
        await node.Client.CreateContainerAsync(new RawContainerSpec { Name = "secret-name", Cmd = "sleep 300" }, start: true);
        var page = await browser.Instance.NewPageAsync();

        await page.GotoAsync(node.Url.ToString());
        await Expect(page.Locator("#login")).ToBeVisibleAsync();
        await page.FillAsync("#token", "not-the-token-at-all");
        await page.ClickAsync("#login button[type=submit]");
        await Expect(page.Locator("#login-error")).ToHaveTextAsync("The node does not accept this token.");
        await Browser.ScreenshotAsync(page, "login");

        Assert.DoesNotContain("secret-name", await page.ContentAsync());
        Assert.Equal(0, await page.Locator("#containers").CountAsync());
        // The shell itself names nothing: the API stays closed to a request without the token.
        var anonymous = await page.APIRequest.GetAsync(node.Url + "api/v1/containers?all=true");
        Assert.Equal(401, anonymous.Status);
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_crash_loop_appears_live_its_timeline_grows_and_a_stop_from_the_page_stops_it()
    {
        await using var node = await NodeProcess.StartAsync();
        var page = await browser.Instance.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await SignInAsync(page, node);
        await Expect(page.Locator("#containers")).ToBeVisibleAsync();

        // Created after the page loaded: it can only appear through the event stream.
        await node.Client.CreateContainerAsync(new RawContainerSpec
        {
            Name = "crashy",
            Cmd = "echo starting; echo failing >&2; exit 3",
            Restart = "always",
            Backoff = new RawBackoff { Initial = "300ms", Multiplier = 1.5, Max = "2s" },
        }, start: true);
        var row = page.Locator("#containers tr[data-name=crashy]");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Each restart refreshes the list; the row must be changed in place, or a click that races a refresh is lost.
        var shown = await row.ElementHandleAsync();
        var restarts = await row.Locator(".restarts").TextContentAsync();
        await Expect(row.Locator(".restarts")).Not.ToHaveTextAsync(restarts!, new() { Timeout = 30_000 });
        await Expect(row.Locator(".restarts")).Not.ToHaveTextAsync("0", new() { Timeout = 30_000 });
        Assert.True(await shown.EvaluateAsync<bool>("row => row.isConnected"), "the row is updated in place, not replaced, when the list refreshes");
        await Browser.ScreenshotAsync(page, "containers");

        await row.Locator("a").ClickAsync();
        var exits = page.Locator("#timeline [data-kind=die]");
        await Expect(exits.Nth(1)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var seen = await exits.CountAsync();
        await Expect(exits.Nth(seen)).ToBeAttachedAsync(new() { Timeout = 30_000 }); // it grows while the page is open
        Assert.True(await page.Locator("#timeline [data-kind=delay]").CountAsync() >= 1, "restart delays are drawn");
        await Expect(page.Locator("#logs")).ToContainTextAsync("failing", new() { Timeout = 30_000 });
        await Expect(page.Locator("#events")).ToContainTextAsync("exited with code 3");
        await Browser.ScreenshotAsync(page, "container");

        // A destructive action waits for a confirmation; cancelling changes nothing.
        await page.ClickAsync("button[data-action=stop]");
        await Expect(page.Locator("#confirm")).ToBeVisibleAsync();
        await page.ClickAsync("#confirm-cancel");
        Assert.False((await node.Client.InspectContainerAsync("crashy")).ManuallyStopped);

        await page.ClickAsync("button[data-action=stop]");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("h1 .state")).ToHaveTextAsync(ContainerStates.Exited, new() { Timeout = 30_000 });
        var stopped = await node.Client.InspectContainerAsync("crashy");
        Assert.Equal(ContainerStates.Exited, stopped.State);
        Assert.True(stopped.ManuallyStopped);
        Assert.Null(stopped.NextRestartAt);
        await Expect(page.Locator("#timeline [data-kind=stop]")).ToHaveCountAsync(1, Patiently);
        await Browser.ScreenshotAsync(page, "container-stopped");
        await page.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, NodeProcess node)
    {
        await page.GotoAsync(node.Url.ToString());
        await page.FillAsync("#token", node.Token);
        await page.ClickAsync("#login button[type=submit]");
    }
}
