using System.Runtime.CompilerServices;
using Bunit;
using Microsoft.Playwright;

namespace Sessions.Tests.Support;

/// <summary>
/// How long a test waits for a condition before it fails. Every wait here ends as soon as its condition holds, so a
/// longer limit costs a passing test nothing; the stock limits (1 s for bUnit, 5 s for Playwright's expectations)
/// failed tests that were right on a 2-core machine whose load average ran at 40 during the suite.
/// </summary>
internal static class LoadTolerantWaits
{
    public static readonly TimeSpan Condition = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan BrowserCondition = TimeSpan.FromSeconds(20);

    [ModuleInitializer]
    internal static void Apply()
    {
        BunitContext.DefaultWaitTimeout = Condition;
        Assertions.SetDefaultExpectTimeout((float)BrowserCondition.TotalMilliseconds);
    }
}
