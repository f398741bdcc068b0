using Microsoft.Playwright;

namespace Sessions.Tests.Browser;

/// <summary>Screenshots go to SESSIONS_SCREENSHOTS when set (docs/screenshots for the README), else beside the test output.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("SESSIONS_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png") });
    }
}
