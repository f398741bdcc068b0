namespace Sessions.Core.Domain;

public sealed class Question
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }

    /// <summary>Numbered from 1 in the order of the session.</summary>
    public int Number { get; set; }

    public string Text { get; set; } = "";
    public Phase Phase { get; set; } = Phase.Collect;

    /// <summary>Silent writing: the facilitator revealed everyone's answers during Collect.</summary>
    public bool AnswersRevealed { get; set; }

    /// <summary>Hidden counts: the facilitator revealed the dots during Vote.</summary>
    public bool CountsRevealed { get; set; }

    public RunoffState Runoff { get; set; }

    /// <summary>Comma-separated answer ids that compete in the runoff.</summary>
    public string RunoffCandidateIds { get; set; } = "";

    public TieSettlement TieSettledBy { get; set; }

    /// <summary>Comma-separated answer ids, in rank order, that won the places the tie left open.</summary>
    public string TieWinnerIds { get; set; } = "";

    /// <summary>When the phase's countdown reaches zero (server time, UTC); null when no timer runs.</summary>
    public DateTime? TimerEndsAtUtc { get; set; }

    /// <summary>At zero the question moves to its next phase by itself.</summary>
    public bool TimerAdvances { get; set; }

    public List<Answer> Answers { get; set; } = [];
}
