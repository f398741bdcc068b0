using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace Sessions.App.Components.Layout;

/// <summary>
/// MudThemeProvider builds its stylesheets (about 12,000 characters) anew for every circuit and keeps them in
/// that circuit's render tree. The app has fixed themes, so every circuit can share one copy per theme and
/// mode: about 24 KB less server memory per open screen, with the same markup. What MudThemeProvider renders
/// is captured once; should a later MudBlazor render more than markup, this falls back to rendering it as is.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    private static readonly ConcurrentDictionary<(MudTheme Theme, bool Dark), string?> s_markup = new();

    // The parameter keeps the name the generated base method gives it.
    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);
        if (Markup() is not { } markup)
        {
            base.BuildRenderTree(__builder);
            return;
        }
        __builder.AddMarkupContent(0, markup);
    }

    /// <summary>The markup MudThemeProvider renders for this theme and mode, or null if it renders more than markup.</summary>
    public string? Markup()
    {
        // Read during a render, after the parameters were set: the value MudThemeProvider itself renders with.
#pragma warning disable MUD0010
        var dark = IsDarkMode;
#pragma warning restore MUD0010
        return s_markup.GetOrAdd((GetTheme(), dark), _ => Capture());
    }

    // Reads the frames of a render tree, which Blazor marks as its own (BL0006); the component tests compare
    // the result with MudThemeProvider's markup, so a MudBlazor that renders differently is noticed.
#pragma warning disable BL0006
    private string? Capture()
    {
        using var builder = new RenderTreeBuilder();
        base.BuildRenderTree(builder);
        var frames = builder.GetFrames();
        var markup = new System.Text.StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames.Array[i].FrameType != RenderTreeFrameType.Markup)
            {
                return null;
            }
            markup.Append(frames.Array[i].MarkupContent);
        }
        return markup.ToString();
    }
#pragma warning restore BL0006
}
