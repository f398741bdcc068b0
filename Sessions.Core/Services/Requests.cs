namespace Sessions.Core.Services;

public sealed record CreateSessionRequest(
    string? Title,
    DateOnly? Date = null,
    string? Language = null,
    string? Template = null,
    string? Intro = null,
    IReadOnlyList<string>? Questions = null,
    int? DotsPerParticipant = null,
    int? MaxDotsPerAnswer = null,
    bool? LiveCounts = null,
    bool? SilentWriting = null,
    bool? AskOrganisation = null,
    string? ClosingText = null,
    bool? CloseJoiningWhenVoting = null);

public sealed record CreatedSession(Guid SessionId, string JoinCode, string FacilitatorKey);

/// <param name="ExistingToken">The token this browser already holds for the session, if any: a second join from it is the same person.</param>
public sealed record JoinRequest(string? Name, string? Organisation, bool MayBeNamed, string? ExistingToken = null);

/// <param name="Rejoined">True when the browser was in the session already: the same participant, budget and ballots.</param>
public sealed record JoinedParticipant(Guid ParticipantId, string ParticipantToken, bool Rejoined = false);

public sealed record ParticipantIdentity(Guid SessionId, Guid ParticipantId, string Name);

/// <summary>New settings; a null leaves that setting as it is.</summary>
public sealed record SettingsChange(int? DotsPerParticipant, int? MaxDotsPerAnswer, bool? LiveCounts, bool? SilentWriting, bool? AskOrganisation, bool? CloseJoiningWhenVoting = null);

public sealed record DetailsChange(string? Title, DateOnly? Date, string? Language, string? Intro, string? ClosingText);
