using System.Runtime.CompilerServices;
using Sessions.App.Components.Shared;
using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.App.Components.Pages.Participant;

/// <summary>Which of its screens a phone shows.</summary>
public enum PhoneStage
{
    None,
    Loading,
    Error,
    Gone,
    Join,
    Removed,
    JoiningClosed,
    Lobby,
    WrapUp,
    Question,
}

/// <summary>
/// Everything one phone draws, as values. The join page draws from this alone, so two equal views are the same
/// markup: a change of the session that leaves a phone's view equal (someone else's ballot while the counts are
/// hidden, say) is not rendered at all, and costs that phone no render batch.
/// </summary>
public sealed record PhoneView(
    PhoneStage Stage,
    bool Ready,
    string? Title,
    string? Error,
    string? MeName,
    string JoinCode,
    PhoneJoinForm? Join,
    bool MayBeNamed,
    ValueList<PhoneWrapUpQuestion> WrapUp,
    PhoneQuestion? Question)
{
    /// <summary>What the page knows besides the session: who this phone is and the state of its join form.</summary>
    public readonly record struct PageState(string? Error, bool Gone, bool Ready, ParticipantIdentity? Me, PhoneJoinForm Form);

    public static PhoneView Build(SessionSnapshot? snapshot, PageState page)
    {
        if (page.Error is not null)
        {
            return Empty(PhoneStage.Error, page) with { Error = page.Error };
        }
        if (page.Gone)
        {
            return Empty(PhoneStage.Gone, page);
        }
        if (snapshot is null)
        {
            return Empty(PhoneStage.None, page);
        }
        var view = Empty(PhoneStage.Loading, page) with { Title = snapshot.Title, JoinCode = snapshot.JoinCode };
        if (!page.Ready)
        {
            return view;
        }
        var room = PhoneRoom.Of(snapshot);
        var me = page.Me;
        view = view with { MeName = me?.Name };
        if (me is not null && !room.Participants.ContainsKey(me.ParticipantId))
        {
            return view with { Stage = PhoneStage.Removed };
        }
        if (me is null)
        {
            return snapshot.JoiningLocked
                ? view with { Stage = PhoneStage.JoiningClosed }
                : view with { Stage = PhoneStage.Join, Join = page.Form with { AskOrganisation = snapshot.Settings.AskOrganisation } };
        }
        var mayBeNamed = room.Participants[me.ParticipantId].MayBeNamed;
        if (snapshot.InLobby)
        {
            return view with { Stage = PhoneStage.Lobby, MayBeNamed = mayBeNamed };
        }
        if (snapshot.InWrapUp)
        {
            return view with { Stage = PhoneStage.WrapUp, MayBeNamed = mayBeNamed, WrapUp = room.WrapUp };
        }
        if (snapshot.Current is not { } question)
        {
            return view;
        }
        return view with { Stage = PhoneStage.Question, Question = PhoneQuestion.Build(snapshot, room, question, me.ParticipantId) };
    }

    private static PhoneView Empty(PhoneStage stage, PageState page) =>
        new(stage, page.Ready, null, null, null, "", null, false, ValueList.Empty<PhoneWrapUpQuestion>(), null);
}

/// <param name="AskOrganisation">The session asks for an organisation (set from the session, not the page).</param>
public sealed record PhoneJoinForm(bool Busy, string? Name, string? Organisation, bool MayBeNamed, bool AskOrganisation = false);

public sealed record PhoneWrapUpQuestion(int Number, string Text, ValueList<string> Top3);

/// <param name="Count">How many questions the session has.</param>
/// <param name="TimerEndsAtUtc">The countdown's end: the seconds left are worked out when drawn, so a ticking clock changes no view.</param>
/// <param name="Answers">In Converge: the answers the phone lists.</param>
public sealed record PhoneQuestion(
    Guid Id,
    int Number,
    int Count,
    Phase Phase,
    string Text,
    DateTime? TimerEndsAtUtc,
    PhoneCollect? Collect,
    ValueList<string> Answers,
    PhoneVote? Vote,
    PhoneResult? Result)
{
    public static PhoneQuestion Build(SessionSnapshot snapshot, PhoneRoom room, QuestionSnapshot question, Guid me)
    {
        var view = new PhoneQuestion(question.Id, question.Number, snapshot.Questions.Count, question.Phase, question.Text, question.TimerEndsAtUtc,
            null, ValueList.Empty<string>(), null, null);
        switch (question.Phase)
        {
            case Phase.Collect:
                var own = question.Answers.Where(a => a.AuthorId == me && a.IsActive).Select(a => new PhoneOwnAnswer(a.Id, a.Text)).ToValueList();
                var others = question.AnswersPublic
                    ? question.ActiveAnswers.Where(a => a.AuthorId != me).Select(a => a.Text).ToValueList()
                    : ValueList.Empty<string>();
                return view with { Collect = new PhoneCollect(question.Number, own, question.AnswersPublic, others) };
            case Phase.Converge:
                return view with { Answers = Options(room, question, me).Select(o => o.Text).ToValueList() };
            case Phase.Vote:
                return view with
                {
                    Vote = new PhoneVote(Options(room, question, me), question.BallotOf(me),
                        snapshot.Settings.DotsPerParticipant, snapshot.Settings.MaxDotsPerAnswer, false),
                };
            default:
                var result = room.ResultOf(question);
                var runoff = result.Tie is not null && question.Runoff == RunoffState.Open
                    ? new PhoneVote(room.RunoffOptionsOf(question), question.RunoffBallotOf(me), 1, 1, true)
                    : null;
                return view with { Result = result with { Runoff = runoff } };
        }
    }

    // What ParticipantView lists: every active answer once they are public, else the phone's own.
    private static ValueList<VoteOption> Options(PhoneRoom room, QuestionSnapshot question, Guid me) =>
        question.AnswersPublic
            ? room.ActiveOptionsOf(question)
            : question.Answers.Where(a => a.AuthorId == me && a.IsActive).Select(a => new VoteOption(a.Id, a.Text)).ToValueList();
}

public sealed record PhoneOwnAnswer(Guid Id, string Text);

/// <param name="Others">The other participants' answers, once they are public.</param>
public sealed record PhoneCollect(int QuestionNumber, ValueList<PhoneOwnAnswer> Own, bool AnswersPublic, ValueList<string> Others);

/// <summary>A ballot to place: the options, the phone's own dots and its limits.</summary>
public sealed record PhoneVote(ValueList<VoteOption> Options, IReadOnlyDictionary<Guid, int> Ballot, int Budget, int MaxPerAnswer, bool Runoff)
{
    public bool Equals(PhoneVote? other) =>
        other is not null && Budget == other.Budget && MaxPerAnswer == other.MaxPerAnswer && Runoff == other.Runoff
        && Options.Equals(other.Options) && SameBallot(Ballot, other.Ballot);

    public override int GetHashCode() => HashCode.Combine(Options, Budget, MaxPerAnswer, Runoff, Ballot.Count);

    private static bool SameBallot(IReadOnlyDictionary<Guid, int> a, IReadOnlyDictionary<Guid, int> b) =>
        ReferenceEquals(a, b) || (a.Count == b.Count && a.All(d => b.TryGetValue(d.Key, out var dots) && dots == d.Value));
}

public sealed record PhoneRanked(string Text, int Dots);

/// <summary>The top 3 (with their counts, public once the question has its result), a tie and the phone's runoff ballot.</summary>
public sealed record PhoneResult(ValueList<PhoneRanked> Top3, PublicTie? Tie, PhoneVote? Runoff)
{
    public bool Equals(PhoneResult? other) =>
        other is not null && Top3.Equals(other.Top3) && Equals(Runoff, other.Runoff) && SameTie(Tie, other.Tie);

    public override int GetHashCode() => HashCode.Combine(Top3, Runoff, Tie?.Runoff, Tie?.Places);

    private static bool SameTie(PublicTie? a, PublicTie? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Places == b.Places && a.Runoff == b.Runoff
            && a.Answers.SequenceEqual(b.Answers));
}

/// <summary>
/// The part of every phone's view that is the same for the whole room, worked out once per snapshot (a room of
/// thousands of phones reads one snapshot per change): who is in the session, the answers to vote on, the top 3.
/// </summary>
public sealed class PhoneRoom
{
    private static readonly ConditionalWeakTable<SessionSnapshot, PhoneRoom> s_rooms = new();

    private readonly SessionSnapshot _snapshot;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, ValueList<VoteOption>> _options = [];
    private readonly Dictionary<Guid, ValueList<VoteOption>> _runoffOptions = [];
    private readonly Dictionary<Guid, PhoneResult> _results = [];
    private ValueList<PhoneWrapUpQuestion>? _wrapUp;

    private PhoneRoom(SessionSnapshot snapshot)
    {
        _snapshot = snapshot;
        Participants = snapshot.Participants.ToDictionary(p => p.Id);
    }

    public static PhoneRoom Of(SessionSnapshot snapshot) => s_rooms.GetValue(snapshot, s => new PhoneRoom(s));

    public IReadOnlyDictionary<Guid, ParticipantSnapshot> Participants { get; }

    public ValueList<PhoneWrapUpQuestion> WrapUp
    {
        get
        {
            lock (_gate)
            {
                return _wrapUp ??= _snapshot.Questions
                    .Select(q => new PhoneWrapUpQuestion(q.Number, q.Text, PublicStateBuilder.Build(q).Top3.Select(r => r.Text).ToValueList()))
                    .ToValueList();
            }
        }
    }

    public ValueList<VoteOption> ActiveOptionsOf(QuestionSnapshot question) =>
        Cached(_options, question, q => q.ActiveAnswers.Select(a => new VoteOption(a.Id, a.Text)).ToValueList());

    public ValueList<VoteOption> RunoffOptionsOf(QuestionSnapshot question) =>
        Cached(_runoffOptions, question, q => q.RunoffCandidates.Select(id => q.Answer(id)).OfType<AnswerSnapshot>()
            .Select(a => new VoteOption(a.Id, a.Text)).ToValueList());

    public PhoneResult ResultOf(QuestionSnapshot question) =>
        Cached(_results, question, q =>
        {
            var result = PublicStateBuilder.Build(q);
            return new PhoneResult(result.Top3.Select(r => new PhoneRanked(r.Text, r.Dots)).ToValueList(), result.Tie, null);
        });

    private T Cached<T>(Dictionary<Guid, T> cache, QuestionSnapshot question, Func<QuestionSnapshot, T> build)
    {
        lock (_gate)
        {
            if (!cache.TryGetValue(question.Id, out var value))
            {
                value = build(question);
                cache[question.Id] = value;
            }
            return value;
        }
    }
}
