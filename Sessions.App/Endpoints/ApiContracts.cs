using Sessions.Core.Services;

namespace Sessions.App.Endpoints;

/// <summary>A setting left out (null) takes the configured default (Sessions:Defaults).</summary>
public sealed record CreateSessionBody(
    string? Title = null,
    DateOnly? Date = null,
    string? Language = null,
    string? Template = null,
    string? Intro = null,
    List<string>? Questions = null,
    int? DotsPerParticipant = null,
    int? MaxDotsPerAnswer = null,
    bool? LiveCounts = null,
    bool? SilentWriting = null,
    bool? AskOrganisation = null,
    string? ClosingText = null,
    bool? CloseJoiningWhenVoting = null)
{
    public CreateSessionRequest ToRequest() => new(Title, Date, Language, Template, Intro, Questions, DotsPerParticipant, MaxDotsPerAnswer,
        LiveCounts, SilentWriting, AskOrganisation, ClosingText, CloseJoiningWhenVoting);
}

/// <summary>A session made by create, import or duplicate: its keys and the links to its three screens.</summary>
public sealed record CreatedSessionResponse(Guid SessionId, string JoinCode, string FacilitatorKey, string JoinUrl, string BoardUrl, string FacilitatorUrl)
{
    public static CreatedSessionResponse For(HttpRequest request, CreatedSession created)
    {
        var links = SessionLinks.For(request, created);
        return new CreatedSessionResponse(created.SessionId, created.JoinCode, created.FacilitatorKey, links.Join, links.Board, links.Facilitator);
    }
}

public sealed record JoinBody(string? Name, string? Organisation = null, bool MayBeNamed = false);

public sealed record JoinResponse(Guid ParticipantId, string ParticipantToken);

public sealed record AnswerBody(string? Text, string? ClientRequestId = null);

public sealed record AnswerCreatedResponse(Guid AnswerId);

/// <summary>A whole ballot; <c>revision</c> (optional) rises with every change, so an overtaken ballot is ignored.</summary>
public sealed record BallotBody(Dictionary<Guid, int>? Dots, long? Revision = null);

public sealed record BallotResponse(IReadOnlyDictionary<Guid, int> Dots);

public sealed record PhaseBody(string? Phase);

public sealed record MergeBody(Guid? Into, string? Text = null);

public sealed record PatchAnswerBody(string? Text = null, bool? Hidden = null);

/// <summary>Exactly one of the two: the winners to choose, or <c>runoff</c> true to open a runoff, false to close it.</summary>
public sealed record TieBody(List<Guid>? Winners = null, bool? Runoff = null);

public sealed record TieResponse(bool Settled, string Detail);

public sealed record CurrentBody(int? Question);

/// <summary>At least one of the two.</summary>
public sealed record RevealBody(bool? Answers = null, bool? Counts = null);

public sealed record SettingsBody(int? DotsPerParticipant = null, int? MaxDotsPerAnswer = null, bool? LiveCounts = null, bool? SilentWriting = null, bool? AskOrganisation = null, bool? CloseJoiningWhenVoting = null);

public sealed record JoiningBody(bool? Locked);

/// <summary>Turns every board's page: 1 forward, -1 back.</summary>
public sealed record BoardPageBody(int? By = null);

public sealed record ConsentBody(bool? MayBeNamed);

public sealed record TimerBody(double? Minutes, bool? Advance = null);

public sealed record TemplateBody(string? Name);
