using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Sessions.Core.Domain;

namespace Sessions.Tests.Reports;

/// <summary>The Excel workbook, opened again with the Open XML SDK and read as a spreadsheet program would.</summary>
public sealed class XlsxReportTests : ReportsTestBase
{
    private sealed record Sheet(string Name, List<List<Cell?>> Rows, Worksheet Worksheet)
    {
        /// <summary>The row whose answer is this text (column D on the top 3 sheet, C on the others).</summary>
        public List<Cell?> RowOf(string answer) => Assert.Single(Rows, r => Text(r.ElementAtOrDefault(Name == "Top 3" ? 3 : 2)) == answer);
    }

    private static string? Text(Cell? cell) => cell?.DataType?.Value == CellValues.InlineString ? cell.InlineString!.Text!.Text : cell?.CellValue?.Text;

    private static int Number(Cell? cell)
    {
        Assert.NotNull(cell);
        // A number is a numeric cell (no data type means number), never text that looks like one.
        Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"{cell.CellReference} is not a number");
        Assert.Null(cell.InlineString);
        return int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<Sheet> Read(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheets = new List<Sheet>();
        foreach (var s in workbook.Workbook!.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>())
        {
            var worksheet = ((WorksheetPart)workbook.GetPartById(s.Id!)).Worksheet!;
            var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
                .Select(r => r.Elements<Cell>().Select(c => c.CellValue is null && c.InlineString is null ? null : c).ToList())
                .ToList();
            sheets.Add(new Sheet(s.Name!, rows, (Worksheet)worksheet.CloneNode(true)));
        }
        return sheets;
    }

    private async Task<(byte[] Bytes, List<Sheet> Sheets)> FullSessionAsync(string language = "nl")
    {
        var session = await NewWorkshop().RunFullSessionAsync(language);
        var bytes = await RenderAsync(session, "xlsx");
        return (bytes, Read(bytes));
    }

    [Fact]
    public async Task Workbook_is_valid_open_xml_with_a_top3_sheet_an_all_answers_sheet_and_the_named_participants()
    {
        var (bytes, sheets) = await FullSessionAsync();

        Assert.Equal(["Top 3", "Alle antwoorden", "Deelnemers"], sheets.Select(s => s.Name));
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public async Task Top3_sheet_has_a_header_and_each_questions_places_with_dots_as_numbers()
    {
        var (_, sheets) = await FullSessionAsync();
        var top = sheets[0];

        Assert.Equal(["Vraag nr.", "Vraag", "Plaats", "Antwoord", "Stippen", "Toelichting"], top.Rows[0].Select(Text));
        // Question 1: a clear first place, then a tie for two places settled by the facilitator's choice.
        var first = top.RowOf("Meer tijd met elkaar");
        Assert.Equal((1, 1, 3), (Number(first[0]), Number(first[2]), Number(first[4])));
        Assert.Equal("Een gelijke stand is beslist door de keuze van de facilitator.", Text(first[5]));
        Assert.Equal((2, 2), (Number(top.RowOf("Samen leren")[2]), Number(top.RowOf("Samen leren")[4])));
        Assert.Equal((3, 2), (Number(top.RowOf("Kortere lijnen")[2]), Number(top.RowOf("Kortere lijnen")[4])));
        Assert.DoesNotContain(top.Rows, r => r.Any(c => Text(c) == "Minder vergaderen"));
        // Question 2 has three places: six rows of places under the header.
        Assert.Equal(7, top.Rows.Count);
        Assert.Equal(3, top.Rows.Count(r => Text(r[0]) == "2"));
    }

    [Fact]
    public async Task All_answers_sheet_lists_every_answer_with_numbers_as_numbers_and_hidden_and_merged_ones()
    {
        var (_, sheets) = await FullSessionAsync();
        var all = sheets[1];

        Assert.Equal(["Vraag nr.", "Vraag", "Antwoord", "Stippen", "Plaats", "Samengevoegd met", "Verborgen"], all.Rows[0].Select(Text));
        Assert.Equal(9, all.Rows.Count - 1);
        var visible = all.RowOf("Meer tijd met elkaar");
        Assert.Equal((1, 3, 1), (Number(visible[0]), Number(visible[3]), Number(visible[4])));
        Assert.Equal("nee", Text(visible[6]));
        var merged = all.RowOf("tijd met elkaar");
        Assert.Equal("Meer tijd met elkaar", Text(merged[5]));
        var hidden = all.RowOf("Koop nu goedkope horloges");
        Assert.Equal(0, Number(hidden[3]));
        Assert.Null(hidden[4]);
        Assert.Equal("ja", Text(hidden[6]));
        Assert.Equal("‘Gewoon’ doen, zei de directeur", Text(all.RowOf("‘Gewoon’ doen, zei de directeur")[2]));
    }

    [Fact]
    public async Task Every_sheet_has_a_frozen_header_row_and_set_column_widths()
    {
        var (_, sheets) = await FullSessionAsync();

        Assert.All(sheets, sheet =>
        {
            var pane = sheet.Worksheet.Descendants<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal(1d, pane.VerticalSplit!.Value);
            Assert.Equal("A2", pane.TopLeftCell!.Value);
            var columns = sheet.Worksheet.Descendants<Column>().ToList();
            Assert.Equal(sheet.Rows[0].Count, columns.Count);
            Assert.All(columns, c => Assert.InRange(c.Width!.Value, 8, 70));
        });
        // The answer column is wider than the column of numbers beside it.
        var widths = sheets[1].Worksheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
        Assert.True(widths[2] > widths[3] * 3);
    }

    [Fact]
    public async Task Participant_who_did_not_consent_is_nowhere_in_the_workbook()
    {
        var (bytes, sheets) = await FullSessionAsync();

        var people = sheets[2];
        Assert.Equal(["Naam", "Organisatie"], people.Rows[0].Select(Text));
        Assert.Equal([["Willem de Vries", "Gemeente Utrecht"], ["Anna Bakker", "Hogeschool Arnhem"]],
            people.Rows.Skip(1).Select(r => r.Select(Text).ToArray()));
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        foreach (var part in document.GetAllParts())
        {
            using var reader = new StreamReader(part.GetStream(), Encoding.UTF8);
            var xml = await reader.ReadToEndAsync();
            Assert.DoesNotContain(Workshop.SecretName, xml);
            Assert.DoesNotContain(Workshop.SecretOrganisation, xml);
        }
        // What they wrote is there; only who they are is not.
        Assert.Contains(sheets[1].Rows, r => Text(r[2]) == "Minder vergaderen");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.com\",\"klik\")")]
    [InlineData("+31 6 12345678")]
    [InlineData("-1 voor dit idee")]
    [InlineData("@SUM(A1:A9)")]
    public async Task Text_that_looks_like_a_formula_is_a_text_cell_exactly_as_typed(string answer)
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Wat valt je op?"]);
        await workshop.JoinAsync("ann", "Ann", "Org");
        await workshop.GoToAsync(1);
        await workshop.AnswerAsync("ann", "a", answer);

        var bytes = await RenderAsync(workshop.Session, "xlsx");

        var cell = Read(bytes)[1].RowOf(answer)[2]!;
        Assert.Equal(CellValues.InlineString, cell.DataType!.Value);
        Assert.Null(cell.CellFormula);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet!.Descendants<CellFormula>()));
    }

    [Fact]
    public async Task Workbook_of_an_english_session_has_english_sheets_and_headers()
    {
        var (_, sheets) = await FullSessionAsync("en");

        Assert.Equal(["Top 3", "All answers", "Participants"], sheets.Select(s => s.Name));
        Assert.Equal("Question no.", Text(sheets[0].Rows[0][0]));
        Assert.Equal("no", Text(sheets[1].RowOf("Samen leren")[6]));
    }

    [Fact]
    public async Task Question_without_a_top3_yet_says_so_in_the_top3_sheet()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Wat valt je op?"]);
        await workshop.JoinAsync("ann", "Ann", "Org");
        await workshop.GoToAsync(1);
        await workshop.AnswerAsync("ann", "a", "Iets");
        await workshop.MoveToAsync(1, Phase.Vote);

        var top = Read(await RenderAsync(workshop.Session, "xlsx"))[0];

        var row = Assert.Single(top.Rows.Skip(1));
        Assert.Equal(1, Number(row[0]));
        Assert.Equal("Deze vraag heeft nog geen top 3.", Text(row[5]));
    }
}
