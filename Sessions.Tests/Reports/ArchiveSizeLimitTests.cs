using Sessions.Bench;
using Sessions.Core.Domain;
using Sessions.Core.Reports;
using Sessions.Core.Services;

namespace Sessions.Tests.Reports;

/// <summary>
/// An archive the app exported itself (2.33 MB, a big session) could not be imported again: the limit was 2 MB. The
/// limit now follows from the caps on what an archive holds, so every export within them imports again.
/// </summary>
public sealed class ArchiveSizeLimitTests : ReportsTestBase
{
    /// <summary>
    /// Every cap at once, written by the app's own archive writer: 50,000 answers (2,500 to each of 20 questions) with
    /// the longest references, each merged into another and in the question's runoff and tie lists; 10,000 ballots of one
    /// vote; 2,000 participants; 10,000 refused answers; and all the text an archive may hold, outside ASCII (six bytes
    /// a character as written). No archive within the caps is larger.
    /// </summary>
    private static SessionArchive LargestWithinTheCaps()
    {
        const int questions = TextRules.MaxQuestions;
        var answersPerQuestion = SessionImporter.MaxAnswersPerQuestion;
        var ballotsPerQuestion = (SessionImporter.MaxRows - (questions * answersPerQuestion)) / questions;
        var textPerAnswer = SessionImporter.MaxTextLength / (questions * answersPerQuestion * 2);
        var text = new string('é', textPerAnswer);
        var refusedPerQuestion = SessionImporter.MaxRefusedAnswers / questions / 2;
        return new SessionArchive(
            SessionArchive.FormatName, SessionArchive.CurrentFormatVersion, "T", new DateOnly(2022, 11, 25), "nl", "", "",
            new ArchiveSettings(20, 20, true, false, true, true), questions + 1,
            Enumerable.Range(1, questions).Select(q =>
            {
                var refs = Enumerable.Range(answersPerQuestion * 3, answersPerQuestion).Select(a => $"q{q}.a{a}").ToList();
                return new ArchiveQuestion(q, "Q", "result", true, true, "closed", refs, "runoff", refs,
                    refs.Select(r => new ArchiveAnswer(r, text, text, $"p{SessionImporter.MaxParticipants * 3}", true, refs[^1], 20)).ToList(),
                    Enumerable.Range(0, ballotsPerQuestion).Select(b => new ArchiveBallot($"p{SessionImporter.MaxParticipants * 3 + b}", 1,
                        new Dictionary<string, int> { [refs[b % refs.Count]] = 20 })).ToList(),
                    [new ArchiveRejection(refs.Take(refusedPerQuestion).ToList(), refs[^1])]);
            }).ToList(),
            Enumerable.Range(0, SessionImporter.MaxParticipants).Select(p => new ArchiveParticipant($"p{SessionImporter.MaxParticipants * 3 + p}", "", "", true)).ToList());
    }

    [Fact]
    public void The_largest_archive_within_the_caps_fits_under_the_byte_limit()
    {
        var bytes = SessionArchiveWriter.Serialize(LargestWithinTheCaps()).Length;

        Assert.True(bytes <= SessionImporter.MaxArchiveBytes, $"{bytes:N0} bytes for a limit of {SessionImporter.MaxArchiveBytes:N0}");
        // The limit follows the caps closely: not a guess far above them.
        Assert.True(bytes >= SessionImporter.MaxArchiveBytes * 0.8, $"{bytes:N0} bytes for a limit of {SessionImporter.MaxArchiveBytes:N0}");
    }

    [Fact]
    public async Task An_export_near_the_text_cap_larger_than_the_old_limit_imports_again_whole()
    {
        var shape = LargeArchives.Shapes.Single(s => s.Name == "text");
        var created = await Importer.ImportAsync(new MemoryStream(shape.Grow(shape.Max)));
        var exported = await RenderAsync(created, "json");

        Assert.True(exported.Length > 2 * 1024 * 1024, $"the export is {exported.Length:N0} bytes");
        Assert.True(exported.Length <= SessionImporter.MaxArchiveBytes, $"the export is {exported.Length:N0} bytes");
        var again = await Importer.ImportAsync(new MemoryStream(exported));

        var first = await Reader.GetAsync(created.SessionId);
        var second = await Reader.GetAsync(again.SessionId);
        Assert.Equal(first.Questions.Sum(q => q.Answers.Count), second.Questions.Sum(q => q.Answers.Count));
        Assert.Equal(first.Questions.Select(q => q.Ballots.Count), second.Questions.Select(q => q.Ballots.Count));
        Assert.Equal(first.Questions[19].Answers[^1].Text, second.Questions[19].Answers[^1].Text);
        // And the export of the import is the same document again.
        Assert.Equal(exported, await RenderAsync(again, "json"));
    }

    [Fact]
    public async Task An_archive_with_more_text_than_the_cap_is_refused_as_too_large_naming_the_limit_and_nothing_is_stored()
    {
        var shape = LargeArchives.Shapes.Single(s => s.Name == "text");
        var before = await SessionCountAsync();

        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => Importer.ImportAsync(new MemoryStream(shape.Grow(shape.Max + 3))));

        Assert.Equal(SessionError.TooLarge, refused.Error);
        Assert.Contains("at most 3,000,000", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SessionCountAsync());
    }

    // An outsider's finding: a session of thousands of long answers got no PDF, HTML, Markdown or Word report at all,
    // even without every answer, because the whole session's text was counted rather than what the report holds.
    [Fact]
    public async Task A_session_with_more_text_than_a_document_holds_still_gets_its_top_3_report()
    {
        var shape = LargeArchives.Shapes.Single(s => s.Name == "text");
        var created = await Importer.ImportAsync(new MemoryStream(shape.Grow(shape.Max)));
        var snapshot = await Reader.GetAsync(created.SessionId);
        // What was counted before: the session's whole text, over the documents' limit.
        Assert.True(snapshot.Questions.Sum(q => q.Answers.Sum(a => (long)a.Text.Length + a.OriginalText.Length)) > ReportService.MaxDocumentCharacters);

        var pdf = await RenderAsync(created, "pdf");
        var md = System.Text.Encoding.UTF8.GetString(await RenderAsync(created, "md"));

        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        // The top answers are there: every answer of this archive is 500 characters, most of them é.
        Assert.NotEmpty(snapshot.Questions[0].Ranking.Top);
        Assert.Contains(new string('é', 400), md, StringComparison.Ordinal);
    }
}
