using MudBlazor;

namespace Sessions.App.Components.Layout;

/// <summary>System fonts (nothing is fetched from a font service) and colours with strong contrast for projectors.</summary>
public static class SessionsTheme
{
    private static readonly string[] s_fonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Light { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4e89",
            Secondary = "#b4451f",
            // Darker than the default red, so red text and outlines keep a 4.5:1 contrast on white.
            Error = "#b91c1c",
            AppbarBackground = "#1d4e89",
            Background = "#f6f7f9",
            TextPrimary = "#111827",
            TextSecondary = "#374151",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = s_fonts },
        },
    };
}
