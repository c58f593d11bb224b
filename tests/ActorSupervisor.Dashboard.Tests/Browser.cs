using Microsoft.Playwright;

namespace ActorSupervisor.Dashboard.Tests;

/// <summary>
/// Debian's chromium (ASV_TEST_CHROMIUM from tests/services/chromium.sh, else /usr/bin/chromium) driven by Playwright,
/// and where each test keeps its screenshots: <c>screenshots/</c> in the test project's output directory.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>The launched browser.</summary>
    public IBrowser Instance { get; private set; } = null!;

    /// <summary>The folder the screenshots go to.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("ASV_TEST_CHROMIUM") is { Length: > 0 } given ? given : "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"no chromium at {executable}: run 'tests/services/chromium.sh start STATE' (as root) and export the line it prints.");
        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        // Tests run as root, where chromium refuses its sandbox.
        Instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, ChromiumSandbox = false });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Instance is not null)
            await Instance.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>Saves the whole page as <c>screenshots/NAME.png</c>.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
}
