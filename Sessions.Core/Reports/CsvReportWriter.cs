using System.Globalization;
using System.Text;
using Sessions.Core.Domain;

namespace Sessions.Core.Reports;

/// <summary>
/// One row per answer (hidden and merged ones too). UTF-8 with a byte order mark so Excel reads Dutch
/// text right; a cell that starts like a formula is prefixed with an apostrophe so it stays text.
/// A Dutch session's CSV is separated by semicolons: Excel splits a double-clicked CSV on the list separator
/// of the reader's locale, which is ";" wherever the comma is the decimal sign (Dutch, German, French...), so
/// a comma-separated file opens there as one column. A "sep=" first line would also fix Excel, but Excel then
/// ignores the byte order mark and garbles accents, and every other reader sees the line as data.
/// </summary>
public sealed class CsvReportWriter : IReportWriter
{
    public string Format => "csv";
    public string ContentType => "text/csv; charset=utf-8";

    public void Write(ReportModel report, Stream output)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        output.Write(encoding.GetPreamble());
        output.Write(encoding.GetBytes(Render(report)));
    }

    public static string Render(ReportModel report)
    {
        var l = report.Labels;
        var csv = new StringBuilder();
        var separator = Separator(report.Language);
        Row(csv, separator, l.CsvQuestionNumber, l.CsvQuestion, l.CsvAnswer, l.CsvDots, l.CsvRank, l.CsvMergedInto, l.CsvHidden);
        foreach (var q in report.Questions)
        {
            foreach (var a in q.AllAnswers)
            {
                Row(csv, separator,
                    q.Number.ToString(CultureInfo.InvariantCulture),
                    q.Text,
                    a.Text,
                    a.Dots.ToString(CultureInfo.InvariantCulture),
                    a.Rank?.ToString(CultureInfo.InvariantCulture) ?? "",
                    a.MergedInto ?? "",
                    a.Hidden ? l.Yes : l.No);
            }
        }
        return csv.ToString();
    }

    /// <summary>";" for a Dutch session (the list separator of a Dutch Excel), "," otherwise.</summary>
    public static char Separator(string language) => language == "nl" ? ';' : ',';

    private static void Row(StringBuilder csv, char separator, params string[] cells)
    {
        csv.AppendJoin(separator, cells.Select(Cell)).Append("\r\n");
    }

    /// <summary>RFC 4180 quoting (a cell holding either separator is quoted), and formula injection neutralised.</summary>
    public static string Cell(string value)
    {
        var text = StartsLikeFormula(value) ? "'" + value : value;
        return text.IndexOfAny([',', ';', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>
    /// A spreadsheet reads a formula past characters that show nothing and in full-width forms (U+FF1D "＝"), so the
    /// first character that shows decides, in either width. What shows nothing is what an answer may not consist of
    /// alone (<see cref="TextRules.ShowsNothing"/>): spaces, format and tag characters (also those beyond U+FFFF),
    /// joiners, selectors, combining marks and the blank letters.
    /// </summary>
    private static bool StartsLikeFormula(string value)
    {
        if (value.Length > 0 && value[0] is '\t' or '\r')
        {
            return true;
        }
        foreach (var rune in value.EnumerateRunes())
        {
            if (TextRules.ShowsNothing(rune))
            {
                continue;
            }
            return rune.Value is '=' or '+' or '-' or '@' or 0xFF1D or 0xFF0B or 0xFF0D or 0xFF20 or 0xFE62 or 0xFE63 or 0xFE66;
        }
        return false;
    }
}
