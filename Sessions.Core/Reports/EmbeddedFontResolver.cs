using PdfSharp.Fonts;

namespace Sessions.Core.Reports;

/// <summary>
/// PDFsharp on Linux has no system fonts of its own: the report ships DejaVu Sans (Bitstream Vera
/// licence, Fonts/LICENSE-DejaVu.txt) inside this assembly, so a PDF renders on any fresh machine.
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Family = "Sessions Sans";

    private static readonly Lock s_gate = new();

    public static void EnsureInstalled()
    {
        lock (s_gate)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        (bold, italic) switch
        {
            (true, _) => new FontResolverInfo("DejaVuSans-Bold"),
            (false, true) => new FontResolverInfo("DejaVuSans-Oblique"),
            _ => new FontResolverInfo("DejaVuSans"),
        };

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream($"Sessions.Fonts.{faceName}.ttf");
        if (stream is null)
        {
            return null;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
