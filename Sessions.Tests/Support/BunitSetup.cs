using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;
using Sessions.App.Components.Shared;
using Sessions.Core.Services;

namespace Sessions.Tests.Support;

/// <summary>
/// The one set-up of the component tests (bunit 2 with MudBlazor, see stack-notes): the context is owned by the
/// test and disposed with DisposeAsync (MudBlazor's popover service is only IAsyncDisposable), never inherited.
/// </summary>
public static class BunitSetup
{
    /// <summary>JS interop in loose mode (MudBlazor's calls answer default values) and MudBlazor's services.</summary>
    public static BunitContext UseMud(this BunitContext ctx)
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        return ctx;
    }

    /// <summary>
    /// <see cref="UseMud"/> on the real core and its own database (migrated), with what the pages need: the phone's
    /// storage, no listen addresses, and MudBlazor's popover provider rendered.
    /// </summary>
    /// <param name="interactive">Renders as a live circuit (RendererInfo "Server", interactive), as the phone's and console's pages expect.</param>
    /// <param name="popovers">False for a test that renders its own providers.</param>
    /// <param name="services">Services changed for one kind of test (configured defaults, say), added before anything renders.</param>
    public static async Task<BunitContext> UseSessionsAsync(this BunitContext ctx, TestDatabase database, bool interactive, bool popovers = true,
        Action<IServiceCollection>? services = null)
    {
        ctx.UseMud();
        ctx.Services.AddTestCore(database);
        ctx.Services.AddNoAddresses();
        ctx.Services.AddScoped<BrowserStorage>();
        ctx.Services.TryAddSingleton<Sessions.App.Security.AddressLimits>();
        services?.Invoke(ctx.Services);
        if (interactive)
        {
            ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        }
        await ctx.Services.MigrateSessionsDatabaseAsync();
        if (popovers)
        {
            ctx.Render<MudPopoverProvider>();
        }
        return ctx;
    }
}
