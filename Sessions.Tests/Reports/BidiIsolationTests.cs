using Sessions.Core.Domain;
using Sessions.Core.Reports;
using Sessions.Core.Services;

namespace Sessions.Tests.Reports;

/// <summary>
/// An answer holding an unclosed U+202E (right-to-left override) turned around whatever followed it on its line: the dot
/// count in report.md and report.html, the next cells of a CSV row, the count beside it on a screen.
/// </summary>
public sealed class BidiIsolationTests : ReportsTestBase
{
    private const string Override = "\u202E";
    private const string Reversed = "omgekeerd " + Override + "tekst die terugloopt";

    /// <summary>
    /// What the bidirectional algorithm (UAX #9) still has open after each character of a line: embeddings and
    /// overrides close with U+202C, isolates with U+2069 (which also ends every embedding opened inside them).
    /// </summary>
    private static int OpenAfter(string line)
    {
        var open = new List<char>();
        foreach (var c in line)
        {
            switch (c)
            {
                case '\u202A' or '\u202B' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068':
                    open.Add(c);
                    break;
                case '\u202C' when open.Count > 0 && open[^1] is not ('\u2066' or '\u2067' or '\u2068'):
                    open.RemoveAt(open.Count - 1);
                    break;
                case '\u2069':
                    var isolate = open.FindLastIndex(o => o is '\u2066' or '\u2067' or '\u2068');
                    if (isolate >= 0)
                    {
                        open.RemoveRange(isolate, open.Count - isolate);
                    }
                    break;
            }
        }
        return open.Count;
    }

    /// <summary>The line of <paramref name="text"/> holding <paramref name="needle"/>, up to and including what follows the needle.</summary>
    private static string LineWith(string text, string needle) =>
        text.Split('\n').Single(l => l.Contains(needle, StringComparison.Ordinal));

    private async Task<Workshop> SessionWithOverrideAsync()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Wat wil je kwijt?"]);
        await workshop.JoinAsync("a", "Ann " + Override + "Achternaam", "Org " + Override + "BV");
        await workshop.JoinAsync("b", "Bob", "Org");
        await workshop.GoToAsync(1);
        await workshop.AnswerAsync("a", "reversed", Reversed);
        await workshop.AnswerAsync("b", "plain", "gewoon een antwoord");
        await workshop.MoveToAsync(1, Phase.Vote);
        await workshop.BallotAsync("a", 1, "reversed", "plain");
        await workshop.BallotAsync("b", 1, "reversed");
        await workshop.MoveToAsync(1, Phase.Result);
        return workshop;
    }

    [Fact]
    public void Balance_removes_what_is_not_closed_and_keeps_what_is()
    {
        Assert.Equal("ab", BidiText.Balance("a\u202Eb"));
        Assert.Equal("a\u202Eb\u202Cc", BidiText.Balance("a\u202Eb\u202Cc"));
        Assert.Equal("ab", BidiText.Balance("a\u202Cb"));
        Assert.Equal("ab", BidiText.Balance("a\u2069b"));
        // A stray PDI cannot close an isolate put around the text, and what follows it is not left open.
        Assert.Equal("ab", BidiText.Balance("\u2069a\u202Eb"));
        // An embedding left open inside a closed isolate goes; the isolate stays.
        Assert.Equal("\u2067ab\u2069c", BidiText.Balance("\u2067a\u202Eb\u2069c"));
        Assert.Equal("plain text", BidiText.Balance("plain text"));
        foreach (var hostile in new[] { "\u202E\u202E\u202Ca", "\u2066\u202A\u2069\u202C\u202E", "\u2069\u2069\u2068\u202E", "\u202B\u2068\u202C\u2069x" })
        {
            Assert.Equal(0, OpenAfter(BidiText.Balance(hostile)));
        }
        Assert.Equal("\u2068\u05E9\u05DC\u05D5\u05DD\u2069", BidiText.Isolate("\u05E9\u05DC\u05D5\u05DD"));
        Assert.Equal("hello", BidiText.Isolate("hello"));
    }

    [Fact]
    public void Text_typed_with_an_unclosed_override_is_stored_without_it()
    {
        Assert.Equal("omgekeerd tekst", TextRules.Answer("omgekeerd \u202Etekst"));
        Assert.Equal("Ann", TextRules.Require("\u202EAnn", "Your name", TextRules.NameMax));
        // Text of nothing but controls is still refused as invisible, not silently stored as empty.
        Assert.Throws<SessionRuleException>(() => TextRules.Optional("\u202E", "Organisation", TextRules.OrganisationMax));
    }

    [Fact]
    public void Text_stored_before_with_an_unclosed_override_reaches_no_screen_or_report_unbalanced()
    {
        var sessionId = Guid.NewGuid();
        var question = new Question { Id = Guid.NewGuid(), SessionId = sessionId, Number = 1, Text = "Vraag " + Override, Phase = Phase.Result };
        var snapshot = SnapshotBuilder.Build(
            new WorkshopSession { Id = sessionId, Title = "Titel " + Override, Intro = Override + "intro", ClosingText = "slot" + Override },
            [question],
            [new Answer { Id = Guid.NewGuid(), QuestionId = question.Id, Text = Reversed, OriginalText = Reversed, Sequence = 1 }],
            [],
            [new Participant { Id = Guid.NewGuid(), SessionId = sessionId, Name = "Ann" + Override, Organisation = Override + "Org", MayBeNamed = true }]);

        var texts = new[] { snapshot.Title, snapshot.Intro, snapshot.ClosingText, snapshot.Questions[0].Text, snapshot.Questions[0].Answers[0].Text,
            snapshot.Questions[0].Answers[0].OriginalText, snapshot.Participants[0].Name, snapshot.Participants[0].Organisation! };
        Assert.All(texts, t => Assert.DoesNotContain(Override, t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Markdown_keeps_the_dot_count_after_an_answer_with_an_override_in_reading_order()
    {
        var workshop = await SessionWithOverrideAsync();

        var md = await RenderTextAsync(workshop.Session, "md", includeAllAnswers: true);

        var top = LineWith(md, "   1. ");
        Assert.Contains("omgekeerd", top, StringComparison.Ordinal);
        Assert.Equal(0, OpenAfter(top[..top.LastIndexOf(" (", StringComparison.Ordinal)]));
        Assert.All(md.Split('\n'), line => Assert.Equal(0, OpenAfter(line)));
        var participant = LineWith(md, "- Ann");
        Assert.Equal(0, OpenAfter(participant));
    }

    [Fact]
    public async Task Html_isolates_participant_text_and_leaves_no_override_open()
    {
        var workshop = await SessionWithOverrideAsync();

        var html = await RenderTextAsync(workshop.Session, "html", includeAllAnswers: true);

        Assert.All(html.Split('\n'), line => Assert.Equal(0, OpenAfter(line)));
        Assert.DoesNotContain(Override, html, StringComparison.Ordinal);
        // Ordinary text is untouched; right-to-left text sits in its own <bdi>.
        Assert.Contains("<li>gewoon een antwoord <span class=\"dots\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_docx_and_xlsx_rows_carry_no_open_override_into_the_next_cell()
    {
        var workshop = await SessionWithOverrideAsync();

        var csv = await RenderTextAsync(workshop.Session, "csv", includeAllAnswers: true);

        Assert.All(csv.Split('\n'), line => Assert.Equal(0, OpenAfter(line)));
        Assert.DoesNotContain(Override, csv, StringComparison.Ordinal);
        var snapshot = await Reader.GetAsync(workshop.Session.SessionId);
        Assert.All(snapshot.Questions[0].Answers, a => Assert.DoesNotContain(Override, a.Text, StringComparison.Ordinal));
        Assert.All(snapshot.Participants, p => Assert.DoesNotContain(Override, p.Name + p.Organisation, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Right_to_left_answers_are_isolated_in_markdown_and_html_so_their_count_stays_after_them()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Wat wil je kwijt?"]);
        await workshop.JoinAsync("a", "Ann", null);
        await workshop.GoToAsync(1);
        await workshop.AnswerAsync("a", "hebrew", "\u05E9\u05DC\u05D5\u05DD 3");
        await workshop.MoveToAsync(1, Phase.Vote);
        await workshop.BallotAsync("a", 1, "hebrew");
        await workshop.MoveToAsync(1, Phase.Result);

        var md = await RenderTextAsync(workshop.Session, "md");
        var html = await RenderTextAsync(workshop.Session, "html");

        Assert.Contains("   1. \u2068\u05E9\u05DC\u05D5\u05DD 3\u2069 (1 stip)", md, StringComparison.Ordinal);
        Assert.Contains("<li><bdi>\u05E9\u05DC\u05D5\u05DD 3</bdi> <span class=\"dots\">(1 stip)</span></li>", html, StringComparison.Ordinal);
    }
}
