using Sessions.Core.Domain;
using Sessions.Core.Suggestions;
using Sessions.Tests.Reports;

namespace Sessions.Tests.Suggestions;

/// <summary>
/// Suggestions for 960 imported answers of about 200 characters never came back (waited ten minutes): the bound of 400
/// answers did not bound the work. The work is now counted (<see cref="SuggestionBudget"/>), so these tests need no clock.
/// </summary>
public sealed class SuggestionBudgetTests : ReportsTestBase
{
    private static readonly string[] Syllables = ["werk", "druk", "ver", "ge", "lei", "ding", "over", "leg", "team", "uur", "thuis", "kan", "toor", "be", "raad", "slag", "plan", "ning", "zorg", "wijk"];

    /// <summary>
    /// <paramref name="count"/> answers of <paramref name="length"/> characters, made of many different long words that
    /// look alike (so near spellings and compound splits abound), and every tenth one a single unbroken word.
    /// </summary>
    internal static List<SuggestionInput> LongAnswers(int count, int length)
    {
        var random = new Random(13);
        string Word(int parts) => string.Concat(Enumerable.Range(0, parts).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return Enumerable.Range(0, count).Select(i =>
        {
            var text = "";
            while (text.Length < length)
            {
                text += i % 10 == 9 ? Word(3) : Word(random.Next(1, 5)) + " ";
            }
            return new SuggestionInput(Guid.NewGuid(), text[..length].Trim());
        }).ToList();
    }

    [Theory]
    [InlineData(960, 200)]
    [InlineData(2500, 500)] // the largest question an import accepts: 2,500 answers of up to 500 characters
    public void Long_answers_are_compared_within_the_work_budget_and_the_outcome_says_it_is_partial(int count, int length)
    {
        var answers = LongAnswers(count, length);
        var budget = new SuggestionBudget();

        var outcome = DuplicateSuggester.SuggestWithin(answers, SessionLanguage.Nl, null, budget);

        // The work done stays within the budget (a stage may overshoot by the one step that crossed its share, and
        // describing the groups found is counted without being stopped, bounded by what was found).
        Assert.True(outcome.WorkSpent <= budget.Units * 11 / 10, $"{outcome.WorkSpent:N0} units of work for a budget of {budget.Units:N0}");
        Assert.InRange(outcome.Considered, 2, DuplicateSuggester.MaxAnswers);
        Assert.False(outcome.Complete);
        Assert.True(budget.Cut);
    }

    [Fact]
    public void A_room_sized_question_is_compared_whole_with_most_of_the_budget_to_spare()
    {
        var question = LabelledSet.Load("labelled-answers.txt").OrderByDescending(q => q.Answers.Count).First();
        var budget = new SuggestionBudget();

        var outcome = DuplicateSuggester.SuggestWithin(question.Answers.Select(a => a.Answer).ToList(), question.Language, null, budget);

        Assert.True(outcome.Complete);
        Assert.Equal(question.Answers.Count, outcome.Considered);
        Assert.True(outcome.WorkSpent < budget.Units / 10, $"{outcome.WorkSpent:N0} units");
        Assert.NotEmpty(outcome.Groups);
    }

    [Fact]
    public void The_same_answers_and_budget_give_the_same_partial_outcome_so_it_can_be_cached()
    {
        var answers = LongAnswers(400, 300);

        var first = DuplicateSuggester.SuggestWithin(answers, SessionLanguage.Nl, null, new SuggestionBudget(2_000_000));
        var second = DuplicateSuggester.SuggestWithin(answers, SessionLanguage.Nl, null, new SuggestionBudget(2_000_000));

        Assert.False(first.Complete);
        Assert.Equal(first.WorkSpent, second.WorkSpent);
        Assert.Equal(first.Considered, second.Considered);
        Assert.Equal(first.Groups.Select(g => string.Join(',', g.AnswerIds)), second.Groups.Select(g => string.Join(',', g.AnswerIds)));
    }

    [Fact]
    public void A_cancelled_request_stops_the_computation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            DuplicateSuggester.SuggestWithin(LongAnswers(400, 200), SessionLanguage.Nl, null, new SuggestionBudget(SuggestionBudget.DefaultUnits, cancelled.Token)));
    }

    [Fact]
    public async Task The_service_says_when_the_budget_cut_the_suggestions_short()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Wat wil je kwijt?"]);
        await workshop.JoinAsync("a", "Ann", null);
        await workshop.GoToAsync(1);
        var answers = LongAnswers(30, 200);
        for (var i = 0; i < answers.Count; i++)
        {
            await workshop.AnswerAsync("a", $"a{i}", answers[i].Text);
        }
        Suggestions.WorkUnits = 20_000;

        var set = await Suggestions.SuggestAsync(workshop.Session.SessionId, workshop.Session.FacilitatorKey, 1);

        Assert.True(set.Partial);
        Assert.True(set.Truncated);
        Assert.Equal(30, set.Total);
    }
}
