using System.Text.RegularExpressions;
using Sessions.Core.Templates;
using UglyToad.PdfPig;

namespace Sessions.Tests.Golden;

public sealed partial class PdfReportTests(SeedSession seed) : IClassFixture<SeedSession>
{
    private static string Words(string text) => Spaces().Replace(text.Replace('\u00A0', ' '), " ").Trim();

    private async Task<(string Text, int Pages, string Title)> ExtractAsync()
    {
        var file = await seed.Reports.RenderAsync(seed.Session.SessionId, seed.Session.FacilitatorKey, "pdf");
        Assert.Equal("application/pdf", file.ContentType);
        using var pdf = PdfDocument.Open(file.Content);
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        return (Words(text), pdf.NumberOfPages, pdf.Information.Title ?? "");
    }

    [Fact]
    public async Task The_pdf_holds_the_questions_and_each_top_3_in_order()
    {
        var (text, pages, title) = await ExtractAsync();

        Assert.Equal("Platform vernieuwen doe je samen", title);
        Assert.InRange(pages, 1, 4);
        var position = 0;
        for (var q = 0; q < 4; q++)
        {
            foreach (var expected in new[] { SessionTemplates.Vernieuwen2022.QuestionsNl[q] }.Concat(SeedSession.Top3[q]))
            {
                var probe = Words(expected)[..45];
                var found = text.IndexOf(probe, position, StringComparison.Ordinal);
                Assert.True(found >= position, $"\"{probe}\" is missing from the PDF or out of order.");
                position = found + probe.Length;
            }
        }
    }

    [Fact]
    public async Task The_pdf_names_the_date_the_dots_and_the_participants()
    {
        var (text, _, _) = await ExtractAsync();

        Assert.Contains("25 november 2022", text, StringComparison.Ordinal);
        Assert.Contains("(12 stippen)", text, StringComparison.Ordinal);
        Assert.Contains("Aan deze sessie van 25 november 2022 namen de volgende personen deel:", text, StringComparison.Ordinal);
        Assert.Contains("Peter Geilen (Zorg&Co)", text, StringComparison.Ordinal);
        Assert.Contains("Zygmund Bauman", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
