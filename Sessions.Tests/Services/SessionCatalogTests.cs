using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Tests.Services;

public class SessionCatalogTests : ServiceTestBase
{
    private static List<string> SeedQuestions()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Seed", "vernieuwen-2022.txt"));
        // The questions are the top-level items " 1. ..."; the answers below them are indented further.
        return lines.Where(l => l.StartsWith(" 1. ", StringComparison.Ordinal))
            .Select(l => l[" 1. ".Length..].Trim())
            .ToList();
    }

    [Fact]
    public async Task Template_vernieuwen_2022_gives_the_four_seed_questions_in_dutch_as_written()
    {
        var created = await H.Catalog.CreateAsync(new CreateSessionRequest(null, Template: "vernieuwen-2022"));

        var state = await H.PublicAsync(created);
        var seed = SeedQuestions();
        Assert.Equal(4, seed.Count);
        Assert.Equal(seed, state.Questions.Select(q => q.Text.Trim()));
        Assert.Equal([1, 2, 3, 4], state.Questions.Select(q => q.Number));
        Assert.Equal("Vernieuwen doen we Samen", state.Title);
        Assert.Equal("nl", state.Language);
        // A template's session takes place today unless told otherwise (retention never counts from this date).
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now), state.Date);
        Assert.All(state.Questions, q => Assert.Equal("collect", q.Phase));
    }

    [Fact]
    public async Task A_title_at_the_limit_in_long_emoji_is_kept_whole()
    {
        // One family emoji is one character to a reader (and to TextRules) but 7 code points and 11 UTF-16 units.
        var title = string.Concat(Enumerable.Repeat("\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466", TextRules.TitleMax));

        var created = await H.Catalog.CreateAsync(new CreateSessionRequest(title, Questions: ["Q?"]));

        Assert.Equal(title, (await H.PublicAsync(created)).Title);
    }

    [Fact]
    public async Task New_session_starts_in_the_lobby_with_a_valid_join_code_and_version_one()
    {
        var created = await H.CreateAsync(questions: 2);

        var state = await H.PublicAsync(created);
        Assert.True(JoinCode.IsValid(created.JoinCode));
        Assert.Equal(created.JoinCode, state.JoinCode);
        Assert.Equal(0, state.CurrentQuestion);
        Assert.Equal(PublicStateBuilder.Lobby, state.Stage);
        Assert.Equal(1, state.Version);
        Assert.Equal(2, state.Questions.Count);
    }

    [Fact]
    public async Task Session_can_be_found_with_a_lower_case_dashed_join_code()
    {
        var created = await H.CreateAsync();
        var typed = created.JoinCode[..3].ToLowerInvariant() + "-" + created.JoinCode[3..].ToLowerInvariant();

        var snapshot = await H.Reader.GetByJoinCodeAsync(typed);

        Assert.Equal(created.SessionId, snapshot.Id);
    }

    [Fact]
    public async Task Unknown_template_is_refused_and_names_the_known_ones()
    {
        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Catalog.CreateAsync(new CreateSessionRequest("T", Template: "nope")));

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Contains("vernieuwen-2022", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_without_questions_is_refused()
    {
        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Catalog.CreateAsync(new CreateSessionRequest("T", Questions: [])));

        Assert.Equal(SessionError.Invalid, ex.Error);
    }

    [Fact]
    public async Task Session_with_an_empty_question_is_refused()
    {
        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Catalog.CreateAsync(new CreateSessionRequest("T", Questions: ["ok?", "  "])));

        Assert.Equal(SessionError.Invalid, ex.Error);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(21, 1)]
    [InlineData(3, 4)]
    public async Task Dot_settings_out_of_range_are_refused(int dots, int maxPerAnswer)
    {
        var ex = await Assert.ThrowsAsync<SessionRuleException>(() =>
            H.Catalog.CreateAsync(new CreateSessionRequest("T", Questions: ["Q?"], DotsPerParticipant: dots, MaxDotsPerAnswer: maxPerAnswer)));

        Assert.Equal(SessionError.Invalid, ex.Error);
    }

    [Fact]
    public async Task Deleted_session_can_no_longer_be_found()
    {
        var created = await H.CreateAsync();
        var token = await H.JoinAsync(created);
        await H.AnswerAsync(created, token, "An answer");

        await H.Catalog.DeleteAsync(created.SessionId, created.FacilitatorKey);

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Reader.GetByJoinCodeAsync(created.JoinCode));
        Assert.Equal(SessionError.NotFound, ex.Error);
    }
}
