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
    string? ClosingText = null);

public sealed record CreatedSession(Guid SessionId, string JoinCode, string FacilitatorKey);

public sealed record JoinRequest(string? Name, string? Organisation, bool MayBeNamed);

public sealed record JoinedParticipant(Guid ParticipantId, string ParticipantToken);

public sealed record ParticipantIdentity(Guid SessionId, Guid ParticipantId, string Name);

/// <summary>New settings; a null leaves that setting as it is.</summary>
public sealed record SettingsChange(int? DotsPerParticipant, int? MaxDotsPerAnswer, bool? LiveCounts, bool? SilentWriting, bool? AskOrganisation);

public sealed record DetailsChange(string? Title, DateOnly? Date, string? Language, string? Intro, string? ClosingText);
