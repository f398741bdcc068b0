using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Reports;
using Sessions.Core.Services;
using Sessions.Tests.Support;
using UglyToad.PdfPig;

namespace Sessions.Tests.Security;

/// <summary>Findings 2, 3, 4, 8 and 13 of the outside probe: text that is long, invisible or crafted.</summary>
public sealed class HostileTextTests
{
    /// <summary>50 letters, each carrying 250 combining marks: 50 characters to the eye, 12,550 code points stored.</summary>
    private static string Zalgo(int letters, int marks) =>
        // "x" has no precomposed accented form, so normalisation (NFC) keeps every mark.
        string.Concat(Enumerable.Repeat("x" + new string('\u0301', marks), letters));

    // Finding 3: limits counted graphemes only, so stored lengths went far past them.
    [Fact]
    public async Task A_name_of_50_letters_carrying_12550_code_points_is_refused_and_nobody_joins()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        var name = Zalgo(50, 250);
        Assert.Equal(12_550, name.EnumerateRunes().Count());

        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => core.Participants.JoinAsync(session.JoinCode, new JoinRequest(name, null, true)));

        Assert.Equal(SessionError.Invalid, refused.Error);
        Assert.Empty((await core.Reader.GetAsync(session.SessionId)).Participants);
    }

    [Theory]
    [InlineData(80, 8)]   // 80 characters to the eye, 720 code points stored: over 8 per character (640)
    [InlineData(10, 9)]   // 100 code points, but nine marks stacked on one letter
    public void Stored_code_points_and_stacked_marks_are_limited_as_well_as_characters(int letters, int marks)
    {
        var text = Zalgo(letters, marks);

        Assert.Throws<SessionRuleException>(() => TextRules.Require(text, "Your name", TextRules.NameMax));
    }

    // Found after the probe: "a" and nine acute accents passed, as NFC turns "a" and the first accent into "á".
    [Theory]
    [InlineData("a", 9)]
    [InlineData("e", 9)]
    [InlineData("\u00E1", 8)]  // "á" typed precomposed, then eight more
    [InlineData("\u1EC7", 7)]  // "ệ" carries two already
    public void Nine_marks_on_one_letter_are_refused_also_when_normalisation_folds_one_into_the_letter(string letter, int marks)
    {
        var name = "Zo" + letter + new string('\u0300', marks);

        var refused = Assert.Throws<SessionRuleException>(() => TextRules.Require(name, "Your name", TextRules.NameMax));

        Assert.Contains("more than 8 accents or marks", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", 8)]
    [InlineData("\u00E1", 7)]
    [InlineData("\u1EC7", 6)]
    public void Eight_marks_on_one_letter_are_accepted(string letter, int marks)
    {
        var name = "Zo" + letter + new string('\u0300', marks);

        Assert.Equal(name.Normalize(NormalizationForm.FormC), TextRules.Require(name, "Your name", TextRules.NameMax));
    }

    [Theory]
    [InlineData("Nguyễn Thị Minh Khai")]             // Vietnamese: two marks on one letter
    [InlineData("👨‍👩‍👧‍👦 Family")]          // an emoji family: seven code points, one character
    [InlineData("🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland")]             // a flag of tag characters
    [InlineData("Zoë\u200Bvan\u00A0Dijk")]            // an invisible character inside visible text
    public void Real_names_in_any_script_are_accepted(string name)
    {
        Assert.Equal(name.Normalize(NormalizationForm.FormC), TextRules.Require(name, "Your name", TextRules.NameMax));
    }

    // Finding 4: text of only invisible or direction characters was accepted as a title, name or answer.
    public static TheoryData<string> InvisibleTexts => new()
    {
        "\u200B", "\u202E", "\u2060", "\u3164", "\u2800", "\u0301", "\u200B\u200C\u200D", "\u202E\u2066\u2069",
        "\u115F\u1160", "\uFFA0", "\u3000\u200B", "\u0301\u0302\u0303", "\uFEFF", "\u180E",
    };

    [Theory]
    [MemberData(nameof(InvisibleTexts))]
    public async Task Invisible_only_text_is_refused_everywhere_a_person_types_and_changes_nothing(string invisible)
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        var token = await core.JoinAsync(session);
        var before = (await core.Reader.GetAsync(session.SessionId)).Version;

        await AssertInvalid(() => core.Catalog.CreateAsync(new CreateSessionRequest(invisible, Questions: ["Q?"])));
        await AssertInvalid(() => core.Catalog.CreateAsync(new CreateSessionRequest("Title", Questions: [invisible])));
        await AssertInvalid(() => core.Participants.JoinAsync(session.JoinCode, new JoinRequest(invisible, null, true)));
        await AssertInvalid(() => core.Participants.JoinAsync(session.JoinCode, new JoinRequest("Ann", invisible, true)));
        await AssertInvalid(() => core.Participants.SubmitAnswerAsync(session.JoinCode, 1, token, invisible, "x"));
        await AssertInvalid(() => core.Facilitator.UpdateDetailsAsync(session.SessionId, session.FacilitatorKey, new DetailsChange(invisible, null, "en", "", "")));

        var after = await core.Reader.GetAsync(session.SessionId);
        Assert.Equal(before, after.Version);
        Assert.Single(after.Participants);
        Assert.Empty(after.Questions[0].Answers);
    }

    private static async Task AssertInvalid(Func<Task> command)
    {
        var refused = await Assert.ThrowsAsync<SessionRuleException>(command);
        Assert.Equal(SessionError.Invalid, refused.Error);
    }

    // Finding 2: one answer of 500 letters with 60 combining marks each made report.pdf take 34-44 s.
    [Fact]
    public async Task The_crafted_answer_of_30000_code_points_is_refused_at_input()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        var token = await core.JoinAsync(session);

        await AssertInvalid(() => core.Participants.SubmitAnswerAsync(session.JoinCode, 1, token, Zalgo(500, 60), "zalgo"));
    }

    [Fact]
    public async Task A_crafted_answer_stored_before_the_limit_is_drawn_in_the_pdf_with_at_most_eight_marks_per_letter()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        var token = await core.JoinAsync(session);
        var answer = await core.Participants.SubmitAnswerAsync(session.JoinCode, 1, token, "placeholder", "p");
        await PlantAsync(core, session, answer, Zalgo(500, 60));
        var reports = core.Services.GetRequiredService<ReportService>();

        var file = await reports.RenderAsync(session.SessionId, session.FacilitatorKey, "pdf", includeAllAnswers: true);

        using var pdf = PdfDocument.Open(file.Content);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("x", text, StringComparison.Ordinal);
        Assert.True(LongestMarkRun(text) <= TextRules.MaxCombiningMarksPerCharacter, $"a run of {LongestMarkRun(text)} marks was drawn");
    }

    /// <summary>Writes text straight into the database, as data stored before the rules (or by any other road) would be.</summary>
    internal static async Task PlantAsync(CoreHarness core, CreatedSession session, Guid answerId, string text)
    {
        var factory = core.Services.GetRequiredService<IDbContextFactory<SessionsDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Answers.Where(a => a.Id == answerId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Text, text).SetProperty(a => a.OriginalText, text));
        await db.Sessions.Where(s => s.Id == session.SessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Version, s => s.Version + 1));
    }

    private static int LongestMarkRun(string text)
    {
        int most = 0, run = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            run = Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark ? run + 1 : 0;
            most = Math.Max(most, run);
        }
        return most;
    }

    // Finding 13: CSV cells starting with U+FF1D or with U+200B then "=" were not neutralised.
    [Theory]
    [InlineData("\uFF1DHYPERLINK(\"http://evil\")")]
    [InlineData("\u200B=1+1")]
    [InlineData("\u200B\u200B@SUM(A1)")]
    [InlineData("\uFEFF+cmd")]
    [InlineData("\uFF0B1")]
    [InlineData("\uFF0D1")]
    [InlineData("\uFF20SUM(A1)")]
    [InlineData("\u00A0=1")]
    [InlineData("=1")]
    // Found after the probe: blank letters, joiners, selectors, tags and lone marks in front also hid a formula.
    [InlineData("\u034F=1+1")]
    [InlineData("\u2800=1+1")]
    [InlineData("\u3164+1")]
    [InlineData("\u115F@SUM(A1)")]
    [InlineData("\u1160-1")]
    [InlineData("\uFFA0=1")]
    [InlineData("\uFE0F=1")]
    [InlineData("\U000E0020=1")]
    [InlineData("\U0001D173=1")]
    [InlineData("\u0301=1")]
    [InlineData("\u200B\u034F\U000E0020\u3164=1")]
    public void A_cell_that_a_spreadsheet_would_read_as_a_formula_is_kept_as_text(string value)
    {
        Assert.StartsWith("'", CsvReportWriter.Cell(value).TrimStart('"'), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Samen = sterker")]
    [InlineData("\u200BSamen")]
    [InlineData("1 - 0 voor ons")]
    [InlineData("\u2800 braille")]
    [InlineData("\u0301 accent")]
    public void Ordinary_text_stays_as_it_is(string value)
    {
        Assert.Equal(value, CsvReportWriter.Cell(value));
    }

    // Finding 8: report.md escaped CommonMark but not GitHub-flavoured autolinks.
    [Fact]
    public async Task Participant_text_never_becomes_a_link_in_report_md_under_commonmark_or_gfm()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        var token = await core.JoinAsync(session);
        string[] texts =
        [
            "Visit www.evil.example now", "https://evil.example/login", "mail bob@evil.example please", "HTTP://EVIL.EXAMPLE",
            "(www.evil.example)", "xmpp:eve@evil.example", "mailto:eve@evil.example", "ftp://evil.example/x", "<https://evil.example>",
            "[click](https://evil.example)", "WWW.EVIL.EXAMPLE", "*www.evil.example*", "see\\https://evil.example",
            // Found after the probe: e-mail addresses, split by an HTML comment that shows as "raw HTML omitted".
            "bob@evil.example", "first.last+tag@evil.example", "bob_smith@evil.example.", "(bob-x@evil.example)", "a@b.example@c.example",
        ];
        for (var i = 0; i < texts.Length; i++)
        {
            await core.Participants.SubmitAnswerAsync(session.JoinCode, 1, token, texts[i], $"t{i}");
        }
        var md = Encoding.UTF8.GetString((await core.Services.GetRequiredService<ReportService>()
            .RenderAsync(session.SessionId, session.FacilitatorKey, "md", includeAllAnswers: true)).Content);

        foreach (var options in new[] { Array.Empty<string>(), ["-e", "autolink"], ["--unsafe", "-e", "autolink"] })
        {
            var html = await CmarkAsync(md, options);
            Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
            // Nothing of the escaping shows: no markup of its own, and each answer reads as it was typed.
            Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
            var shown = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", "")).Replace("\u2060", "", StringComparison.Ordinal);
            Assert.All(texts, text => Assert.Contains(text, shown, StringComparison.Ordinal));
        }
    }

    /// <summary>Renders Markdown with Debian's cmark-gfm (package cmark-gfm), as GitHub does.</summary>
    private static async Task<string> CmarkAsync(string markdown, string[] options)
    {
        const string tool = "/usr/bin/cmark-gfm";
        Assert.True(File.Exists(tool), "This test needs cmark-gfm: apt-get install cmark-gfm");
        var start = new ProcessStartInfo(tool) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(markdown);
        process.StandardInput.Close();
        var html = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return html;
    }
}
