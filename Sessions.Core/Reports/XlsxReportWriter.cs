using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Sessions.Core.Reports;

/// <summary>
/// An Excel workbook: the top 3 of every question, every answer, and the participants who may be named.
/// Written with the Open XML SDK that already writes the .docx, so no second spreadsheet stack is needed:
/// counts are numeric cells, and all text goes into inline-string cells, which a spreadsheet never evaluates,
/// so an answer such as "=HYPERLINK(...)" stays exactly what was typed (no apostrophe needed, unlike the CSV).
/// </summary>
public sealed class XlsxReportWriter : IReportWriter
{
    private const uint HeaderStyle = 1;
    private const uint WrapStyle = 2;
    private const int MaxWidth = 70;

    public string Format => "xlsx";
    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public void Write(ReportModel report, Stream output)
    {
        var l = XlsxLabels.For(report.Language);
        var r = report.Labels;
        // OpenXml needs a seekable stream; the response body is not.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            AddStyles(workbook);
            document.PackageProperties.Title = report.Title;
            document.PackageProperties.Language = report.Language;

            AddSheet(workbook, r.Top3,
                [new(l.QuestionNumber, 10), new(l.Question, 40, true), new(l.Rank, 8), new(l.Answer, 50, true), new(l.Dots, 8), new(l.Note, 40, true)],
                Top3Rows(report));
            AddSheet(workbook, r.AllAnswers,
                [new(l.QuestionNumber, 10), new(l.Question, 40, true), new(l.Answer, 50, true), new(l.Dots, 8), new(l.Rank, 8), new(l.MergedInto, 40, true), new(l.Hidden, 10)],
                report.Questions.SelectMany(q => q.AllAnswers.Select(a => new object?[]
                {
                    q.Number, q.Text, a.Text, a.Dots, a.Rank, a.MergedInto, a.Hidden ? r.Yes : r.No,
                })));
            // The same list, with the same consent, as in every other format: only those who said they may be named.
            AddSheet(workbook, l.Participants,
                [new(l.Name, 24), new(l.Organisation, 30)],
                report.Participants.Select(p => new object?[] { p.Name, p.Organisation }));
            workbook.Workbook.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static IEnumerable<object?[]> Top3Rows(ReportModel report)
    {
        foreach (var q in report.Questions)
        {
            if (q.Top3.Count == 0)
            {
                yield return [q.Number, q.Text, null, null, null, q.TieNote ?? report.Labels.NoResult];
                continue;
            }
            for (var i = 0; i < q.Top3.Count; i++)
            {
                var a = q.Top3[i];
                yield return [q.Number, q.Text, a.Rank, a.Text, a.Dots, i == 0 ? q.TieNote : null];
            }
        }
    }

    private sealed record Column(string Header, int MinWidth, bool Wrap = false);

    private static void AddSheet(WorkbookPart workbook, string name, IReadOnlyList<Column> columns, IEnumerable<object?[]> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        var widths = columns.Select(c => Math.Max(c.MinWidth, c.Header.Length + 2)).ToArray();
        data.Append(new Row(columns.Select(c => Text(c.Header, HeaderStyle))) { RowIndex = 1 });
        uint index = 1;
        foreach (var values in rows)
        {
            index++;
            var row = new Row { RowIndex = index };
            for (var i = 0; i < columns.Count; i++)
            {
                row.Append(values[i] switch
                {
                    int number => new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) },
                    string text => Text(text, columns[i].Wrap ? WrapStyle : 0),
                    _ => new Cell(),
                });
                if (values[i] is string s)
                {
                    widths[i] = Math.Min(MaxWidth, Math.Max(widths[i], s.Length + 2));
                }
            }
            data.Append(row);
        }
        var cols = new Columns(widths.Select((w, i) => new DocumentFormat.OpenXml.Spreadsheet.Column
        {
            Min = (uint)(i + 1),
            Max = (uint)(i + 1),
            Width = w,
            CustomWidth = true,
        }));
        // The header stays in view while scrolling through a hundred answers.
        var view = new SheetView(new Pane
        {
            VerticalSplit = 1,
            TopLeftCell = "A2",
            ActivePane = PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        }, new Selection { Pane = PaneValues.BottomLeft })
        { WorkbookViewId = 0 };
        if (workbook.Workbook.Sheets!.ChildElements.Count == 0)
        {
            view.TabSelected = true;
        }
        part.Worksheet = new Worksheet(new SheetViews(view), cols, data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet
        {
            Id = workbook.GetIdOfPart(part),
            SheetId = (uint)(sheets.ChildElements.Count + 1),
            Name = SheetName(name),
        });
    }

    /// <summary>An inline string: text that a spreadsheet shows as it is and never evaluates as a formula.</summary>
    private static Cell Text(string value, uint style) => new(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value) { Space = SpaceProcessingModeValues.Preserve }))
    {
        DataType = CellValues.InlineString,
        StyleIndex = style,
    };

    /// <summary>Excel's rules for a sheet name: at most 31 characters, none of []:*?/\.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? ' ' : c).ToArray()).Trim();
        return clean.Length > 31 ? clean[..31] : clean;
    }

    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }));
        styles.Stylesheet.Save();
    }

    /// <summary>The workbook's headers, for people rather than programs (the CSV keeps its machine-friendly ones).</summary>
    private sealed record XlsxLabels(
        string QuestionNumber, string Question, string Rank, string Answer, string Dots, string Note,
        string MergedInto, string Hidden, string Participants, string Name, string Organisation)
    {
        public static XlsxLabels For(string language) => language == "nl"
            ? new("Vraag nr.", "Vraag", "Plaats", "Antwoord", "Stippen", "Toelichting", "Samengevoegd met", "Verborgen", "Deelnemers", "Naam", "Organisatie")
            : new("Question no.", "Question", "Rank", "Answer", "Dots", "Note", "Merged into", "Hidden", "Participants", "Name", "Organisation");
    }
}
