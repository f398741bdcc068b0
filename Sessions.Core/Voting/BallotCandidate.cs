namespace Sessions.Core.Voting;

/// <summary>What ballot validation needs to know about an answer.</summary>
public sealed record BallotCandidate(Guid AnswerId, bool Hidden, bool Merged);
