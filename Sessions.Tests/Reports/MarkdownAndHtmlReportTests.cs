using Sessions.Core.Domain;

namespace Sessions.Tests.Reports;

public sealed class MarkdownAndHtmlReportTests : ReportsTestBase
{
    private const string Script = "<script>alert(1)</script>";
    private const string Link = "[klik](http://evil.example)";
    private const string Formula = "=HYPERLINK(\"x\")";
    private const string Bold = "**vet**";

    /// <summary>Four hostile answers, each voted into the top 3 or listed among all answers.</summary>
    private async Task<Workshop> HostileSessionAsync()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Wat wil je kwijt?"]);
        await workshop.JoinAsync("a", "Ann", "Org");
        await workshop.JoinAsync("b", "Bob", "Org");
        await workshop.GoToAsync(1);
        await workshop.AnswerAsync("a", "script", Script);
        await workshop.AnswerAsync("a", "link", Link);
        await workshop.AnswerAsync("b", "formula", Formula);
        await workshop.AnswerAsync("b", "bold", Bold);
        await workshop.MoveToAsync(1, Phase.Vote);
        await workshop.BallotAsync("a", 1, "script", "link", "bold");
        await workshop.BallotAsync("b", 1, "script", "link");
        await workshop.MoveToAsync(1, Phase.Result);
        return workshop;
    }

    [Fact]
    public async Task Html_report_shows_a_script_answer_as_text_never_as_a_tag()
    {
        var workshop = await HostileSessionAsync();

        var html = await RenderTextAsync(workshop.Session, "html", includeAllAnswers: true);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<li>&lt;script&gt;alert(1)&lt;/script&gt; <span class=\"dots\">(2 stippen)</span></li>", html);
        Assert.DoesNotContain("href=", html);
        Assert.Contains("=HYPERLINK(&quot;x&quot;)", html);
    }

    [Fact]
    public async Task Markdown_report_escapes_brackets_asterisks_and_angle_brackets_so_they_render_as_text()
    {
        var workshop = await HostileSessionAsync();

        var md = await RenderTextAsync(workshop.Session, "md", includeAllAnswers: true);

        Assert.Contains("   1. \\<script\\>alert(1)\\</script\\> (2 stippen)\n", md);
        // The colon is escaped too: GitHub-flavoured Markdown would make the bare URL a link (finding 8 of the probe).
        Assert.Contains("   2. \\[klik\\](http\\://evil.example) (2 stippen)\n", md);
        Assert.Contains("   3. \\*\\*vet\\*\\* (1 stip)\n", md);
        Assert.Contains("- \\=HYPERLINK(\"x\") (0 stippen)\n", md);
        Assert.DoesNotContain("<script>", md);
        Assert.DoesNotContain("[klik](", md);
        Assert.DoesNotContain(" **vet**", md);
    }

    [Fact]
    public async Task Csv_report_keeps_a_formula_answer_as_text_with_a_leading_apostrophe()
    {
        var workshop = await HostileSessionAsync();

        var rows = Rfc4180.Parse(await RenderTextAsync(workshop.Session, "csv"), ';');

        Assert.Contains(rows, r => r[2] == "'" + Formula);
        Assert.DoesNotContain(rows, r => r.Any(c => c.StartsWith('=')));
        Assert.Contains(rows, r => r[2] == Script);
    }

    [Fact]
    public async Task Markdown_report_says_it_is_interim_while_a_question_is_still_collecting()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync();

        var md = await RenderTextAsync(workshop.Session, "md");

        Assert.Contains("\n> **Tussentijds verslag", md);
        Assert.Contains("Deze vraag heeft nog geen top 3.", md);
    }

    [Fact]
    public async Task English_markdown_report_says_interim_report_while_a_question_is_still_collecting()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(language: "en");

        var md = await RenderTextAsync(workshop.Session, "md");

        Assert.Contains("\n> **Interim report", md);
        Assert.DoesNotContain("Tussentijds", md);
    }

    [Fact]
    public async Task Markdown_report_is_interim_while_a_tie_is_open_and_final_once_it_is_settled()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Eén vraag?"]);
        await workshop.JoinAsync("a", "Ann", "Org");
        await workshop.JoinAsync("b", "Bob", "Org");
        await workshop.GoToAsync(1);
        foreach (var key in new[] { "w", "x", "y", "z" })
        {
            await workshop.AnswerAsync("a", key, $"Antwoord {key}");
        }
        await workshop.MoveToAsync(1, Phase.Vote);
        await workshop.BallotAsync("a", 1, "w", "x", "y");
        await workshop.BallotAsync("b", 1, "w", "z");
        await workshop.MoveToAsync(1, Phase.Result);

        var open = await RenderTextAsync(workshop.Session, "md");
        await workshop.ChooseAsync(1, "y", "z");
        var settled = await RenderTextAsync(workshop.Session, "md");

        Assert.Contains("Tussentijds verslag", open);
        Assert.Contains("Nog niet beslist: 3 antwoorden staan gelijk; de top 3 heeft nog plaats voor 2 van hen.", open);
        Assert.DoesNotContain("Tussentijds verslag", settled);
        Assert.Contains("   3. Antwoord z (1 stip)\n", settled);
    }

    [Fact]
    public async Task Markdown_report_is_not_interim_once_every_question_has_its_result()
    {
        var session = await NewWorkshop().RunFullSessionAsync();

        var md = await RenderTextAsync(session, "md");

        Assert.DoesNotContain("Tussentijds", md);
        Assert.StartsWith($"# {Workshop.Title}\n\n25 november 2022\n\n", md);
    }

    [Fact]
    public async Task English_markdown_report_says_dots_and_writes_the_date_the_english_way()
    {
        var session = await NewWorkshop().RunFullSessionAsync(language: "en");

        var md = await RenderTextAsync(session, "md");

        Assert.Contains("25 November 2022", md);
        Assert.Contains("   1. Meer tijd met elkaar (3 dots)\n", md);
        Assert.Contains("(1 dot)\n", md);
        Assert.Contains("A tie was settled by the facilitator's choice.", md);
        Assert.Contains("The following people took part in this session of 25 November 2022:", md);
        Assert.DoesNotContain("stippen", md);
        Assert.DoesNotContain("Interim", md);
    }

    [Fact]
    public async Task Dutch_markdown_report_says_stippen_and_writes_the_date_the_dutch_way()
    {
        var session = await NewWorkshop().RunFullSessionAsync();

        var md = await RenderTextAsync(session, "md");

        Assert.Contains("25 november 2022", md);
        Assert.Contains("   1. Meer tijd met elkaar (3 stippen)\n", md);
        Assert.Contains("(1 stip)\n", md);
        Assert.DoesNotContain(" dots)", md);
        Assert.DoesNotContain("November", md);
    }

    [Fact]
    public async Task Markdown_report_with_all_answers_leaves_out_hidden_ones_and_names_the_merge()
    {
        var session = await NewWorkshop().RunFullSessionAsync();

        var md = await RenderTextAsync(session, "md", includeAllAnswers: true);

        Assert.Contains("## Alle antwoorden", md);
        Assert.Contains("- tijd met elkaar (samengevoegd met “Meer tijd met elkaar”)\n", md);
        Assert.DoesNotContain("horloges", md);
        Assert.DoesNotContain("Alle antwoorden", await RenderTextAsync(session, "md"));
    }
}
