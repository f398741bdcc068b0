using Sessions.Core.Domain;
using Sessions.Core.Suggestions;

namespace Sessions.Tests.Suggestions;

/// <summary>One question of a labelled set: its language, and its answers with the group a facilitator put each in.</summary>
public sealed record LabelledQuestion(string Title, SessionLanguage Language, IReadOnlyList<(SuggestionInput Answer, int Group)> Answers);

/// <summary>Pairwise figures: a pair counts when both answers sit in one group.</summary>
public sealed record PairScore(int TruePairs, int SuggestedPairs, int Correct)
{
    public double Precision => SuggestedPairs == 0 ? 1 : (double)Correct / SuggestedPairs;
    public double Recall => TruePairs == 0 ? 1 : (double)Correct / TruePairs;
    public static PairScore operator +(PairScore a, PairScore b) => new(a.TruePairs + b.TruePairs, a.SuggestedPairs + b.SuggestedPairs, a.Correct + b.Correct);
    public override string ToString() => $"precision {Precision:0.000} ({Correct}/{SuggestedPairs}), recall {Recall:0.000} ({Correct}/{TruePairs})";
}

public static class LabelledSet
{
    /// <summary>Reads the plain-text format described at the top of each labelled file.</summary>
    public static List<LabelledQuestion> Parse(string text)
    {
        var questions = new List<LabelledQuestion>();
        List<(SuggestionInput, int)>? answers = null;
        var group = 0;
        var inBlock = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith('?'))
            {
                var rest = line[1..].Trim();
                var language = rest.StartsWith("en ", StringComparison.Ordinal) ? SessionLanguage.En : SessionLanguage.Nl;
                answers = [];
                questions.Add(new LabelledQuestion(rest[3..], language, answers));
                inBlock = false;
                continue;
            }
            if (line.Length == 0)
            {
                inBlock = false;
                continue;
            }
            if (answers is null)
            {
                throw new FormatException($"An answer before any question: {line}");
            }
            if (!inBlock)
            {
                group++;
                inBlock = true;
            }
            answers.Add((new SuggestionInput(Guid.NewGuid(), line), group));
        }
        return questions;
    }

    public static List<LabelledQuestion> Load(string fileName) =>
        Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Suggestions", fileName)));

    public static PairScore Score(LabelledQuestion question, IReadOnlyList<SuggestedGroup> groups)
    {
        var truth = question.Answers.ToDictionary(a => a.Answer.Id, a => a.Group);
        var truePairs = question.Answers.GroupBy(a => a.Group).Sum(g => g.Count() * (g.Count() - 1) / 2);
        var suggested = 0;
        var correct = 0;
        foreach (var group in groups)
        {
            var ids = group.AnswerIds;
            for (var i = 0; i < ids.Count; i++)
            {
                for (var j = i + 1; j < ids.Count; j++)
                {
                    suggested++;
                    if (truth[ids[i]] == truth[ids[j]])
                    {
                        correct++;
                    }
                }
            }
        }
        return new PairScore(truePairs, suggested, correct);
    }
}
