using System.Globalization;
using System.Text;
using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Core.Reports;

public sealed record ReportFile(byte[] Content, string ContentType, string FileName);

/// <summary>Renders a session's report in one of the six formats, for the facilitator only.</summary>
public sealed class ReportService(SessionReader reader, SessionCatalog catalog, IEnumerable<IReportWriter> writers)
{
    public const string Json = "json";

    public static IReadOnlyList<string> Formats { get; } = ["md", "html", "pdf", "docx", "csv", "xlsx", Json];

    public async Task<ReportFile> RenderAsync(Guid sessionId, string? facilitatorKey, string format, bool includeAllAnswers = false, CancellationToken cancellationToken = default)
    {
        var normalized = format.Trim().ToLowerInvariant();
        if (!Formats.Contains(normalized))
        {
            throw SessionRuleException.NotFound($"There is no report format \"{format}\"; the formats are {string.Join(", ", Formats)}.");
        }
        await catalog.EnsureFacilitatorAsync(sessionId, facilitatorKey, cancellationToken).ConfigureAwait(false);
        var snapshot = await reader.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return Render(snapshot, normalized, includeAllAnswers);
    }

    public ReportFile Render(SessionSnapshot snapshot, string format, bool includeAllAnswers = false)
    {
        var name = FileName(snapshot, format);
        if (format == Json)
        {
            return new ReportFile(SessionArchiveWriter.Serialize(SessionArchiveWriter.Build(snapshot)), "application/json; charset=utf-8", name);
        }
        var writer = writers.Single(w => w.Format == format);
        // The CSV and the workbook are the full list of answers by definition.
        var model = ReportBuilder.Build(snapshot, includeAllAnswers || format is "csv" or "xlsx");
        using var output = new MemoryStream();
        writer.Write(model, output);
        return new ReportFile(output.ToArray(), writer.ContentType, name);
    }

    private static string FileName(SessionSnapshot snapshot, string format)
    {
        var slug = new StringBuilder();
        foreach (var c in snapshot.Title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var stem = slug.ToString().Trim('-');
        if (stem.Length == 0)
        {
            stem = "session";
        }
        var date = snapshot.Date is { } d ? "-" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        return $"{stem}{date}.{format}";
    }
}
