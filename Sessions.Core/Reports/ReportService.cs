using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Metrics;
using Sessions.Core.Services;

namespace Sessions.Core.Reports;

public sealed record ReportFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// Renders a session's report in one of the six formats, for the facilitator only. Rendering is work for
/// the processor, so only a few reports are made at once (half the cores, at least one): downloads queue
/// among themselves and never take the cores that votes need.
/// </summary>
public sealed class ReportService(SessionReader reader, SessionCatalog catalog, IEnumerable<IReportWriter> writers, IDbContextFactory<SessionsDbContext> dbFactory, SessionsMetrics metrics) : IDisposable
{
    public const string Json = "json";

    /// <summary>How many reports are rendered at the same moment.</summary>
    public static int MaxConcurrentRenders { get; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How long a download waits for its turn before it is told to try again.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>A session with more text than this is too large for a laid-out document; CSV and JSON still serve it.</summary>
    public const int MaxDocumentCharacters = 2_000_000;

    private readonly SemaphoreSlim _renders = new(MaxConcurrentRenders, MaxConcurrentRenders);

    /// <summary>Reports being rendered right now (for tests).</summary>
    public int Rendering => MaxConcurrentRenders - _renders.CurrentCount;

    public static IReadOnlyList<string> Formats { get; } = ["md", "html", "pdf", "docx", "csv", "xlsx", Json];

    public async Task<ReportFile> RenderAsync(Guid sessionId, string? facilitatorKey, string format, bool includeAllAnswers = false, CancellationToken cancellationToken = default)
    {
        var normalized = format.Trim().ToLowerInvariant();
        if (!Formats.Contains(normalized))
        {
            throw SessionRuleException.NotFound("There is no report format \"{0}\"; the formats are {1}.", new Text.Verbatim(format), new Text.Verbatim(string.Join(", ", Formats)));
        }
        await catalog.EnsureFacilitatorAsync(sessionId, facilitatorKey, cancellationToken).ConfigureAwait(false);
        var snapshot = await reader.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        // Only the archive carries the refused suggestions (so an imported session does not suggest them again).
        IReadOnlyList<RejectedSuggestion> rejections = [];
        if (normalized == Json)
        {
            var questionIds = snapshot.Questions.Select(q => q.Id).ToList();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            rejections = await db.RejectedSuggestions.AsNoTracking().Where(r => questionIds.Contains(r.QuestionId))
                .OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        if (!await _renders.WaitAsync(MaxWait, cancellationToken).ConfigureAwait(false))
        {
            throw new SessionRuleException(SessionError.TooManyRequests, "Other reports are being made right now; try again in a minute.");
        }
        try
        {
            // Off the request's thread: the rendering is long, synchronous work.
            return await Task.Run(() =>
            {
                var started = SessionsMetrics.Start();
                var file = Render(snapshot, normalized, includeAllAnswers, rejections);
                metrics.ReportRendered(normalized, SessionsMetrics.Since(started));
                return file;
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _renders.Release();
        }
    }

    public void Dispose() => _renders.Dispose();

    /// <summary>The characters of text a document report of this model holds.</summary>
    private static long TextSize(ReportModel model) =>
        model.Title.Length + model.Intro.Length + model.ClosingText.Length
        + model.Participants.Sum(p => (long)p.Name.Length + (p.Organisation?.Length ?? 0))
        + model.Questions.Sum(q => q.Text.Length + q.Top3.Sum(t => (long)t.Text.Length)
            + q.AllAnswers.Sum(a => (long)a.Text.Length + (a.MergedInto?.Length ?? 0)));

    public ReportFile Render(SessionSnapshot snapshot, string format, bool includeAllAnswers = false, IReadOnlyList<RejectedSuggestion>? rejections = null)
    {
        var name = FileName(snapshot, format);
        if (format == Json)
        {
            return new ReportFile(SessionArchiveWriter.Serialize(SessionArchiveWriter.Build(snapshot, rejections)), "application/json; charset=utf-8", name);
        }
        var writer = writers.Single(w => w.Format == format);
        // The CSV and the workbook are the full list of answers by definition.
        var model = ReportBuilder.Build(snapshot, includeAllAnswers || format is "csv" or "xlsx");
        // What counts is the text the document would hold: without every answer, a session of thousands of long answers
        // still gets its top 3s (an outsider's finding: the whole session's text was counted, whatever the report held).
        if (format is "pdf" or "docx" or "html" or "md" && TextSize(model) > MaxDocumentCharacters)
        {
            throw SessionRuleException.Invalid("This report would hold more than {0:N0} characters of text, too much for {1}; download it without every answer, or the CSV or the JSON archive.",
                MaxDocumentCharacters, new Text.Verbatim(format switch { "md" => "Markdown", "docx" => "Word", _ => format.ToUpperInvariant() }));
        }
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
