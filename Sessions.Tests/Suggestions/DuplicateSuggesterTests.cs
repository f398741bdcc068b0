using Sessions.Core.Domain;
using Sessions.Core.Suggestions;
using Xunit.Abstractions;

namespace Sessions.Tests.Suggestions;

public class DuplicateSuggesterTests(ITestOutputHelper output)
{
    private static List<SuggestionInput> Answers(params string[] texts) => texts.Select(t => new SuggestionInput(Guid.NewGuid(), t)).ToList();

    private static bool Together(IReadOnlyList<SuggestedGroup> groups, SuggestionInput a, SuggestionInput b) =>
        groups.Any(g => g.AnswerIds.Contains(a.Id) && g.AnswerIds.Contains(b.Id));

    [Fact]
    public void A_dutch_compound_meets_the_same_words_written_apart()
    {
        var answers = Answers("Meer kinderopvang", "Opvang voor kinderen in de wijk", "Een nieuwe speeltuin");

        var groups = DuplicateSuggester.Suggest(answers, SessionLanguage.Nl);

        Assert.True(Together(groups, answers[0], answers[1]));
        Assert.False(Together(groups, answers[0], answers[2]));
    }

    [Fact]
    public void A_spelling_slip_and_another_word_order_still_pair()
    {
        var answers = Answers("Te hoge werkdruk op de afdeling", "Afdeling: werkdurk te hoog", "Gratis parkeren");

        var groups = DuplicateSuggester.Suggest(answers, SessionLanguage.Nl);

        Assert.True(Together(groups, answers[0], answers[1]));
        Assert.False(Together(groups, answers[0], answers[2]));
    }

    [Fact]
    public void Answers_that_share_words_but_differ_in_who_they_are_for_do_not_pair()
    {
        // Among the other answers of its question, where the words everyone uses weigh less than the one that differs.
        var question = LabelledSet.Load("labelled-answers.txt").Single(q => q.Title.Contains("cao", StringComparison.Ordinal));
        var answers = question.Answers.Select(a => a.Answer).ToList();
        var starters = answers.Single(a => a.Text == "Hogere lonen voor starters");
        var managers = answers.Single(a => a.Text == "Hogere lonen voor managers");

        var groups = DuplicateSuggester.Suggest(answers, question.Language);

        Assert.False(Together(groups, starters, managers));
    }

    [Fact]
    public void Asking_for_more_is_not_asking_for_less()
    {
        var answers = Answers("Meer vergaderingen op vrijdag", "Minder vergaderingen op vrijdag");

        Assert.Empty(DuplicateSuggester.Suggest(answers, SessionLanguage.Nl));
    }

    [Fact]
    public void An_english_answer_in_a_dutch_session_is_stemmed_as_english()
    {
        // Only the English stemmer makes "working" and "work" one word.
        var answers = Answers("Working from home", "Work from home more often", "Betere koffie");

        var groups = DuplicateSuggester.Suggest(answers, SessionLanguage.Nl);

        Assert.True(Together(groups, answers[0], answers[1]));
    }

    [Fact]
    public void One_answer_cannot_chain_two_unrelated_ones_together()
    {
        // The middle answer shares a word with each side; the sides share nothing.
        var answers = Answers("Betere fietspaden", "Betere fietspaden en meer bomen", "Meer bomen");

        var groups = DuplicateSuggester.Suggest(answers, SessionLanguage.Nl);

        Assert.False(Together(groups, answers[0], answers[2]));
    }

    [Fact]
    public void Groups_come_best_first_with_the_shared_words_marked_in_each_answer()
    {
        var answers = Answers("Te veel vergaderingen", "Er zijn te veel vergaderingen", "Kinderopvang op het werk", "Kinderopvang dichtbij het werk graag");

        var groups = DuplicateSuggester.Suggest(answers, SessionLanguage.Nl);

        Assert.Equal(2, groups.Count);
        Assert.True(groups[0].Score >= groups[1].Score);
        var first = groups.Single(g => g.AnswerIds.Contains(answers[1].Id));
        Assert.Contains("vergaderingen", first.SharedTerms);
        var span = Assert.Single(first.Highlights[answers[1].Id]);
        Assert.Equal("vergaderingen", answers[1].Text.Substring(span.Start, span.Length));
    }

    [Fact]
    public void A_refused_group_is_not_suggested_again_and_a_moved_out_answer_stays_out()
    {
        var answers = Answers("Werkdruk te hoog", "Te hoge werkdruk", "Werkdruk!!");
        var all = answers.Select(a => a.Id).ToList();

        var refused = DuplicateSuggester.Suggest(answers, SessionLanguage.Nl, [new SuggestionRejection(all)]);
        var movedOut = DuplicateSuggester.Suggest(answers, SessionLanguage.Nl, [new SuggestionRejection(all, answers[2].Id)]);

        Assert.Empty(refused);
        var left = Assert.Single(movedOut);
        Assert.Equal(new[] { answers[0].Id, answers[1].Id }.Order(), left.AnswerIds.Order());
    }

    [Fact]
    public void Past_the_bound_only_the_first_answers_are_considered()
    {
        // Words of random letters: alike in nothing, so only the planted pairs can be grouped.
        var random = new Random(17);
        string Nonsense() => new(Enumerable.Range(0, 9).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var answers = Answers([.. Enumerable.Range(0, DuplicateSuggester.MaxAnswers + 50).Select(_ => $"{Nonsense()} {Nonsense()}")]);
        answers[0] = new SuggestionInput(answers[0].Id, "Te hoge werkdruk");
        answers[DuplicateSuggester.MaxAnswers - 1] = new SuggestionInput(answers[DuplicateSuggester.MaxAnswers - 1].Id, "De werkdruk is te hoog");
        answers[DuplicateSuggester.MaxAnswers] = new SuggestionInput(answers[DuplicateSuggester.MaxAnswers].Id, "Gratis koffie op kantoor");
        answers[^1] = new SuggestionInput(answers[^1].Id, "Gratis koffie op het kantoor");

        var groups = DuplicateSuggester.Suggest(answers, SessionLanguage.Nl);

        Assert.True(Together(groups, answers[0], answers[DuplicateSuggester.MaxAnswers - 1]));
        Assert.DoesNotContain(groups, g => g.AnswerIds.Any(id => answers.Skip(DuplicateSuggester.MaxAnswers).Any(a => a.Id == id)));
    }

    [Fact]
    public void Precision_and_recall_on_the_labelled_sets_stay_above_their_floors()
    {
        var tuning = Measure("labelled-answers.txt");
        var heldOut = Measure("labelled-held-out.txt");
        var blind = Measure("labelled-blind.txt");

        // The weights and the threshold were chosen by cross-validation over the tuning and held-out sets; the blind set
        // (new questions, written before that choice) never chose anything and shows what an unseen room gets.
        // Floors sit just under what was measured (tuning 0.883 / 0.471, held-out 0.667 / 0.085, blind 0.538 / 0.070), so
        // a change that makes suggestions worse fails here. The goal of the issue (0.85 / 0.65) is not reached on the
        // held-out and blind sets: most of their pairs share no word at all (docs/benchmarks.md).
        Assert.True(tuning.All.Precision >= 0.86, $"tuning precision {tuning.All}");
        Assert.True(tuning.All.Recall >= 0.46, $"tuning recall {tuning.All}");
        Assert.True(heldOut.All.Precision >= 0.6, $"held-out precision {heldOut.All}");
        Assert.True(heldOut.All.Recall >= 0.08, $"held-out recall {heldOut.All}");
        Assert.True(blind.All.Precision >= 0.5, $"blind precision {blind.All}");
        Assert.True(blind.All.Recall >= 0.065, $"blind recall {blind.All}");
        Assert.True(tuning.Dutch.TruePairs > 0 && tuning.English.TruePairs > 0 && blind.Dutch.TruePairs > 0 && blind.English.TruePairs > 0);
    }

    private (PairScore Dutch, PairScore English, PairScore All) Measure(string file)
    {
        var dutch = new PairScore(0, 0, 0);
        var english = new PairScore(0, 0, 0);
        var count = (Dutch: 0, English: 0);
        foreach (var question in LabelledSet.Load(file))
        {
            var groups = DuplicateSuggester.Suggest(question.Answers.Select(a => a.Answer).ToList(), question.Language);
            var score = LabelledSet.Score(question, groups);
            output.WriteLine($"{file} · {question.Title}: {score}");
            if (question.Language == SessionLanguage.Nl)
            {
                dutch += score;
                count.Dutch += question.Answers.Count;
            }
            else
            {
                english += score;
                count.English += question.Answers.Count;
            }
        }
        output.WriteLine($"{file}: Dutch ({count.Dutch} answers) {dutch}");
        output.WriteLine($"{file}: English ({count.English} answers) {english}");
        output.WriteLine($"{file}: all {dutch + english}");
        return (dutch, english, dutch + english);
    }
}
