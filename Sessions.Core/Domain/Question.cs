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

    /// <summary>The answers that compete in the runoff.</summary>
    public List<Guid> RunoffCandidateIds { get; set; } = [];

    public TieSettlement TieSettledBy { get; set; }

    /// <summary>The answers, in rank order, that won the places the tie left open.</summary>
    public List<Guid> TieWinnerIds { get; set; } = [];

    /// <summary>When the phase's countdown reaches zero (server time, UTC); null when no timer runs.</summary>
    public DateTime? TimerEndsAtUtc { get; set; }

    /// <summary>At zero the question moves to its next phase by itself.</summary>
    public bool TimerAdvances { get; set; }

    public List<Answer> Answers { get; set; } = [];

    /// <summary>
    /// Moves one phase forward or back; a countdown belongs to the phase it was set for. Whether the question
    /// may go back to collect depends on its dots and merges, which the caller reads and checks first.
    /// </summary>
    /// <returns>Whether it left the result, so that a settlement made for that ranking no longer holds.</returns>
    public bool MoveTo(Phase phase)
    {
        PhaseRules.EnsureCanMove(Phase, phase);
        StopTimer();
        var leftResult = Phase == Phase.Result;
        Phase = phase;
        return leftResult;
    }

    /// <summary>Refused while the question collects answers or a runoff is open.</summary>
    public void EnsureMergingOpen()
    {
        if (Phase == Phase.Collect)
        {
            throw SessionRuleException.Conflict("Merging starts in converge; this question is still collecting answers.");
        }
        if (Runoff == RunoffState.Open)
        {
            throw SessionRuleException.Conflict("Close the runoff before merging answers.");
        }
    }

    public void StartTimer(DateTime endsAtUtc, bool advanceAtZero)
    {
        if (advanceAtZero && Phase == Phase.Result)
        {
            throw SessionRuleException.Conflict("The result is the last phase: there is no next phase to move to at zero.");
        }
        TimerEndsAtUtc = endsAtUtc;
        TimerAdvances = advanceAtZero;
    }

    public void StopTimer()
    {
        TimerEndsAtUtc = null;
        TimerAdvances = false;
    }

    /// <summary>Moves to the next phase when an advancing countdown has really run out at <paramref name="nowUtc"/>.</summary>
    public bool AdvanceByTimer(DateTime nowUtc)
    {
        if (!TimerAdvances || TimerEndsAtUtc is not { } end || end > nowUtc || Phase == Phase.Result)
        {
            return false;
        }
        Phase += 1;
        StopTimer();
        return true;
    }

    /// <summary>Opens a runoff among the tied answers; one that is open already stays as it is.</summary>
    public void OpenRunoff(IEnumerable<Guid> candidates)
    {
        if (Runoff == RunoffState.Open)
        {
            return;
        }
        Runoff = RunoffState.Open;
        RunoffCandidateIds = [.. candidates];
    }

    public void EnsureRunoffOpen()
    {
        if (Runoff != RunoffState.Open)
        {
            throw SessionRuleException.Conflict("No runoff is open for this question.");
        }
    }

    /// <summary>Closes the runoff; its <paramref name="winners"/> settle the tie, or null when it tied again.</summary>
    public bool CloseRunoff(IReadOnlyList<Guid>? winners)
    {
        Runoff = RunoffState.Closed;
        if (winners is null)
        {
            return false;
        }
        SettleTie(TieSettlement.Runoff, winners);
        return true;
    }

    /// <summary>Settles the open places of a tie, in rank order.</summary>
    public void SettleTie(TieSettlement by, IEnumerable<Guid> winners)
    {
        TieSettledBy = by;
        TieWinnerIds = [.. winners];
    }

    /// <summary>Forgets any runoff and settlement: the ranking they were made for has changed.</summary>
    /// <returns>Whether a runoff had been held, so that its dots go too.</returns>
    public bool ClearTie()
    {
        var hadRunoff = Runoff != RunoffState.None;
        Runoff = RunoffState.None;
        RunoffCandidateIds = [];
        TieSettledBy = TieSettlement.None;
        TieWinnerIds = [];
        return hadRunoff;
    }
}
