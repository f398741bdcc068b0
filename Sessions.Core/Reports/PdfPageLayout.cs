using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Sessions.Core.Domain;

namespace Sessions.Core.Reports;

/// <summary>A cursor down A4 pages: wraps words to the width, starts a new page when one is full.</summary>
internal sealed class PdfPageLayout
{
    private const double Margin = 56;
    private readonly PdfDocument _document;
    private PdfPage _page = default!;
    private XGraphics _graphics = default!;
    private double _y;

    public static readonly XBrush Blue = new XSolidBrush(XColor.FromArgb(29, 78, 137));
    public static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(75, 85, 99));
    public static readonly XBrush Orange = new XSolidBrush(XColor.FromArgb(180, 69, 31));

    public XFont Title { get; } = new(EmbeddedFontResolver.Family, 20, XFontStyleEx.Bold);
    public XFont Heading { get; } = new(EmbeddedFontResolver.Family, 14, XFontStyleEx.Bold);
    public XFont Body { get; } = new(EmbeddedFontResolver.Family, 10.5, XFontStyleEx.Regular);
    public XFont Bold { get; } = new(EmbeddedFontResolver.Family, 10.5, XFontStyleEx.Bold);
    public XFont Italic { get; } = new(EmbeddedFontResolver.Family, 10.5, XFontStyleEx.Italic);

    public PdfPageLayout(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    private double Width => _page.Width.Point - 2 * Margin;
    private double Bottom => _page.Height.Point - Margin;

    public void Paragraph(string text, XFont font, XBrush brush, double spaceAfter) =>
        Lines(text, font, brush, Margin, Width, spaceAfter);

    public void Indented(string text, XFont font, double indent, double spaceAfter) =>
        Lines(text, font, XBrushes.Black, Margin + indent, Width - indent, spaceAfter);

    /// <summary>A list item: the marker in the gutter, the text wrapped beside it.</summary>
    public void Numbered(string marker, string text, XFont font, double indent, double spaceAfter)
    {
        const double gutter = 20;
        var lineHeight = LineHeight(font);
        if (_y + lineHeight > Bottom)
        {
            NewPage();
        }
        _graphics.DrawString(marker, font, XBrushes.Black, new XPoint(Margin + indent, _y + font.Size), XStringFormats.BaseLineLeft);
        Lines(text, font, XBrushes.Black, Margin + indent + gutter, Width - indent - gutter, spaceAfter);
    }

    public void Space(double points) => _y += points;

    /// <summary>Starts a new page unless at least this much room is left, so a heading does not stand alone at the bottom.</summary>
    public void KeepTogether(double points)
    {
        if (_y + points > Bottom)
        {
            NewPage();
        }
    }

    public void Finish() => _graphics.Dispose();

    private void Lines(string text, XFont font, XBrush brush, double x, double width, double spaceAfter)
    {
        var lineHeight = LineHeight(font);
        foreach (var line in Wrap(BidiText.WithoutControls(TextRules.WithoutExcessMarks(text)), font, width))
        {
            if (_y + lineHeight > Bottom)
            {
                NewPage();
            }
            _graphics.DrawString(line, font, brush, new XPoint(x, _y + font.Size), XStringFormats.BaseLineLeft);
            _y += lineHeight;
        }
        _y += spaceAfter;
    }

    private static double LineHeight(XFont font) => font.Size * 1.4;

    private IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (_graphics.MeasureString(candidate, font).Width <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
            {
                yield return line;
            }
            line = word;
            // A word wider than the line (a long link) is broken where it must be: between characters as a person
            // sees them (a letter keeps its accents), the cut found by halving, so a long word costs a few
            // measurements per line instead of one per character.
            while (_graphics.MeasureString(line, font).Width > width)
            {
                var starts = StringInfo.ParseCombiningCharacters(line);
                if (starts.Length <= 1)
                {
                    break;
                }
                int fits = 1, tooWide = starts.Length;
                while (tooWide - fits > 1)
                {
                    var middle = (fits + tooWide) / 2;
                    if (_graphics.MeasureString(line[..starts[middle]], font).Width <= width)
                    {
                        fits = middle;
                    }
                    else
                    {
                        tooWide = middle;
                    }
                }
                yield return line[..starts[fits]];
                line = line[starts[fits]..];
            }
        }
        if (line.Length > 0)
        {
            yield return line;
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }
}
