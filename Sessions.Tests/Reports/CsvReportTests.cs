using System.Text;
using Sessions.Core.Reports;

namespace Sessions.Tests.Reports;

public sealed class CsvReportTests : ReportsTestBase
{
    private static readonly string[] DutchHeader = ["vraagnummer", "vraag", "antwoord", "stippen", "plaats", "samengevoegd met", "verborgen"];

    private async Task<(byte[] Bytes, List<List<string>> Rows)> FullSessionCsvAsync()
    {
        var workshop = NewWorkshop();
        var session = await workshop.RunFullSessionAsync();
        var bytes = await RenderAsync(session, "csv");
        var rows = Rfc4180.Parse(new UTF8Encoding(false).GetString(bytes.AsSpan(3)), ';');
        return (bytes, rows);
    }

    private static List<string> RowOf(List<List<string>> rows, string answer) => Assert.Single(rows, r => r[2] == answer);

    [Fact]
    public async Task Csv_starts_with_the_utf8_byte_order_mark_so_excel_reads_dutch_text()
    {
        var (bytes, _) = await FullSessionCsvAsync();

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3).ToArray());
    }

    [Fact]
    public async Task Csv_has_a_dutch_header_row_and_one_row_per_answer_including_hidden_and_merged_ones()
    {
        var (_, rows) = await FullSessionCsvAsync();

        Assert.Equal(DutchHeader, rows[0]);
        // Question 1 has six answers (one merged, one hidden), question 2 three.
        Assert.Equal(9, rows.Count - 1);
        Assert.All(rows, r => Assert.Equal(7, r.Count));
        Assert.Equal(6, rows.Count(r => r[0] == "1"));
        Assert.Equal(3, rows.Count(r => r[0] == "2"));
        Assert.All(rows.Where(r => r[0] == "1"), r => Assert.Equal(Workshop.Question1, r[1]));
    }

    [Fact]
    public async Task Csv_names_the_wording_a_merged_answer_went_into_and_says_ja_for_a_hidden_one()
    {
        var (_, rows) = await FullSessionCsvAsync();

        var merged = RowOf(rows, "tijd met elkaar");
        Assert.Equal("Meer tijd met elkaar", merged[5]);
        Assert.Equal("nee", merged[6]);
        var hidden = RowOf(rows, "Koop nu goedkope horloges");
        Assert.Equal("ja", hidden[6]);
        Assert.Equal("", hidden[5]);
        Assert.Equal("0", hidden[3]);
        var visible = RowOf(rows, "Meer tijd met elkaar");
        Assert.Equal(["3", "1", "", "nee"], visible.Skip(3));
    }

    [Fact]
    public async Task Csv_gives_dots_and_the_places_settled_by_the_facilitators_choice()
    {
        var (_, rows) = await FullSessionCsvAsync();

        Assert.Equal(["2", "2"], RowOf(rows, "Samen leren").Skip(3).Take(2));
        Assert.Equal(["2", "3"], RowOf(rows, "Kortere lijnen").Skip(3).Take(2));
        Assert.Equal(["2", ""], RowOf(rows, "Minder vergaderen").Skip(3).Take(2));
    }

    [Fact]
    public async Task Csv_keeps_dutch_accents_and_curly_quotes()
    {
        var (_, rows) = await FullSessionCsvAsync();

        Assert.Contains(rows, r => r[2] == "Ideeën delen kost tijd");
        Assert.Contains(rows, r => r[2] == "Elkaar écht zien");
        // The comma inside it made the writer quote the cell.
        Assert.Contains(rows, r => r[2] == "‘Gewoon’ doen, zei de directeur");
    }

    [Fact]
    public async Task Csv_of_an_english_session_uses_english_headers_and_yes_no()
    {
        var workshop = NewWorkshop();
        var session = await workshop.RunFullSessionAsync(language: "en");

        var rows = Rfc4180.Parse(await RenderTextAsync(session, "csv"));

        Assert.Equal(["question_number", "question", "answer", "dots", "rank", "merged_into", "hidden"], rows[0]);
        Assert.Equal("yes", RowOf(rows, "Koop nu goedkope horloges")[6]);
        Assert.Equal("no", RowOf(rows, "Samen leren")[6]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")")]
    [InlineData("+31 6 12345678")]
    [InlineData("-1 voor dit idee")]
    [InlineData("@iedereen kijken")]
    public async Task Csv_cell_that_starts_like_a_formula_comes_back_with_a_leading_apostrophe(string answer)
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Wat valt je op?"]);
        await workshop.JoinAsync("ann", "Ann", "Org");
        await workshop.AnswerAsync("ann", "a", answer);

        var rows = Rfc4180.Parse(await RenderTextAsync(workshop.Session, "csv"), ';');

        Assert.Equal("'" + answer, rows[1][2]);
    }

    [Fact]
    public void Csv_cells_with_commas_quotes_and_line_breaks_round_trip()
    {
        string[] texts = ["een, twee, drie", "een; twee; drie", "zei \"ja\" en \"nee\"", "regel 1\nregel 2", "regel 1\r\nregel 2", "alles: \"a,\nb\""];
        var model = new ReportModel(
            "Titel", null, "nl", "", "", false, true,
            [new ReportQuestion(1, "Vraag, met \"komma\"?", [], null, true, texts.Select(t => new ReportAnswer(t, 0, null, null, false)).ToList())],
            [], ReportLabels.Dutch);

        var rows = Rfc4180.Parse(CsvReportWriter.Render(model), ';');

        Assert.Equal(texts.Length + 1, rows.Count);
        Assert.Equal(texts, rows.Skip(1).Select(r => r[2]));
        Assert.All(rows.Skip(1), r => Assert.Equal("Vraag, met \"komma\"?", r[1]));
    }

    [Fact]
    public async Task Csv_of_a_dutch_session_is_separated_by_semicolons_so_dutch_excel_opens_it_in_columns()
    {
        var (bytes, _) = await FullSessionCsvAsync();
        var text = new UTF8Encoding(false).GetString(bytes.AsSpan(3));

        Assert.StartsWith("vraagnummer;vraag;antwoord;stippen;plaats;samengevoegd met;verborgen\r\n", text);
        // The byte order mark stays: without it Excel reads the accents as Windows-1252.
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3).ToArray());
        Assert.DoesNotContain("sep=", text);
    }

    [Fact]
    public async Task Csv_of_an_english_session_stays_comma_separated()
    {
        var session = await NewWorkshop().RunFullSessionAsync(language: "en");

        var text = await RenderTextAsync(session, "csv");

        Assert.StartsWith("question_number,question,answer,dots,rank,merged_into,hidden\r\n", text);
    }
}
