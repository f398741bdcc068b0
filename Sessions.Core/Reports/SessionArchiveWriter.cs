using System.Text.Json;
using System.Text.Json.Serialization;
using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Core.Reports;

public static class SessionArchiveWriter
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <param name="rejections">The session's refused suggestions, oldest first; the snapshot does not hold them.</param>
    public static SessionArchive Build(SessionSnapshot s, IReadOnlyList<RejectedSuggestion>? rejections = null)
    {
        var participantRefs = s.Participants.OrderBy(p => p.JoinOrder).Select((p, i) => (p.Id, Ref: $"p{i + 1}")).ToDictionary(x => x.Id, x => x.Ref);
        var questions = s.Questions.Select(q =>
        {
            var answerRefs = q.Answers.OrderBy(a => a.Sequence).Select((a, i) => (a.Id, Ref: $"q{q.Number}.a{i + 1}")).ToDictionary(x => x.Id, x => x.Ref);
            string Ref(Guid id) => answerRefs[id];
            var answers = q.Answers.OrderBy(a => a.Sequence).Select(a => new ArchiveAnswer(
                Ref(a.Id), a.Text, a.OriginalText,
                a.AuthorId is { } author && participantRefs.TryGetValue(author, out var pr) ? pr : null,
                a.Hidden,
                a.MergedInto is { } into ? Ref(into) : null,
                a.Dots)).ToList();
            var ballots = Ballots(q.Ballots, Vote.MainRound).Concat(Ballots(q.RunoffBallots, Vote.RunoffRound))
                .Where(b => participantRefs.ContainsKey(b.ParticipantId))
                .OrderBy(b => int.Parse(participantRefs[b.ParticipantId].AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)).ThenBy(b => b.Round)
                .Select(b => new ArchiveBallot(participantRefs[b.ParticipantId], b.Round,
                    b.Dots.OrderBy(d => answerRefs[d.Key], StringComparer.Ordinal).ToDictionary(d => Ref(d.Key), d => d.Value)))
                .ToList();
            var refused = (rejections ?? []).Where(r => r.QuestionId == q.Id)
                .Select(r => (Ids: r.AnswerIds, r.SeparatedId))
                .Where(r => r.Ids.All(answerRefs.ContainsKey) && (r.SeparatedId is not { } one || answerRefs.ContainsKey(one)))
                .Select(r => new ArchiveRejection(r.Ids.Select(Ref).ToList(), r.SeparatedId is { } one ? Ref(one) : null))
                .ToList();
            return new ArchiveQuestion(q.Number, q.Text, PhaseRules.Name(q.Phase), q.AnswersRevealed, q.CountsRevealed,
                q.Runoff.ToString().ToLowerInvariant(), q.RunoffCandidates.Where(answerRefs.ContainsKey).Select(Ref).ToList(),
                q.TieSettledBy.ToString().ToLowerInvariant(), q.TieWinners.Where(answerRefs.ContainsKey).Select(Ref).ToList(), answers, ballots, refused);
        }).ToList();

        return new SessionArchive(
            SessionArchive.FormatName,
            SessionArchive.CurrentFormatVersion,
            s.Title,
            s.Date,
            s.Language == SessionLanguage.Nl ? "nl" : "en",
            s.Intro,
            s.ClosingText,
            new ArchiveSettings(s.Settings.DotsPerParticipant, s.Settings.MaxDotsPerAnswer, s.Settings.LiveCounts, s.Settings.SilentWriting, s.Settings.AskOrganisation,
                s.Settings.CloseJoiningWhenVoting),
            s.CurrentQuestion,
            questions,
            s.Participants.OrderBy(p => p.JoinOrder).Select(p => p.MayBeNamed
                ? new ArchiveParticipant(participantRefs[p.Id], p.Name, p.Organisation, true)
                : new ArchiveParticipant(participantRefs[p.Id], null, null, false)).ToList());
    }

    public static byte[] Serialize(SessionArchive archive) => JsonSerializer.SerializeToUtf8Bytes(archive, JsonOptions);

    private static IEnumerable<(Guid ParticipantId, int Round, IReadOnlyDictionary<Guid, int> Dots)> Ballots(
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<Guid, int>> ballots, int round) =>
        ballots.Select(b => (b.Key, round, b.Value));
}
