using System.Text;
using DocumentFormat.OpenXml.Packaging;

namespace Sessions.Tests.Reports;

public sealed class ConsentTests : ReportsTestBase
{
    public static TheoryData<string> TextFormats => new() { "md", "html", "csv", "json" };

    [Theory]
    [MemberData(nameof(TextFormats))]
    public async Task Participant_who_did_not_consent_is_not_named_in_the_report(string format)
    {
        var session = await NewWorkshop().RunFullSessionAsync();

        var text = await RenderTextAsync(session, format, includeAllAnswers: true);

        // The report is there, with what the participant typed; only the name and organisation are not.
        Assert.Contains("Minder vergaderen", text);
        Assert.DoesNotContain("Zora", text);
        Assert.DoesNotContain("Geheim", text);
        Assert.DoesNotContain(Workshop.SecretOrganisation, text);
    }

    [Fact]
    public async Task Participant_who_did_not_consent_is_not_named_anywhere_in_the_word_document()
    {
        var session = await NewWorkshop().RunFullSessionAsync();
        var bytes = await RenderAsync(session, "docx", includeAllAnswers: true);

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = document.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("Willem de Vries (Gemeente Utrecht)", body);
        Assert.DoesNotContain("Zora", body);
        Assert.DoesNotContain(Workshop.SecretOrganisation, body);
        // Nor in any other part of the package (properties, styles, numbering).
        foreach (var part in document.GetAllParts())
        {
            using var reader = new StreamReader(part.GetStream(), Encoding.UTF8);
            var xml = await reader.ReadToEndAsync();
            Assert.DoesNotContain("Zora", xml);
            Assert.DoesNotContain("Verborgen", xml);
        }
    }

    [Theory]
    [InlineData("md", "- Willem de Vries (Gemeente Utrecht)", "- Anna Bakker (Hogeschool Arnhem)")]
    [InlineData("html", "<li>Willem de Vries (Gemeente Utrecht)</li>", "<li>Anna Bakker (Hogeschool Arnhem)</li>")]
    public async Task Consenting_participants_appear_as_name_and_organisation_in_join_order(string format, string first, string second)
    {
        var session = await NewWorkshop().RunFullSessionAsync();

        var text = await RenderTextAsync(session, format);

        var willem = text.IndexOf(first, StringComparison.Ordinal);
        var anna = text.IndexOf(second, StringComparison.Ordinal);
        Assert.True(willem >= 0, $"{first} is missing");
        Assert.True(anna > willem, "Anna joined after Willem and is listed after him");
        Assert.True(text.IndexOf("Aan deze sessie van 25 november 2022 namen de volgende personen deel:", StringComparison.Ordinal) is var intro && intro >= 0 && intro < willem);
    }
}
