namespace Sessions.Core.Domain;

/// <summary>
/// The aggregate root. <see cref="Version"/> is the application-managed concurrency token: every
/// change to anything in the session increments it inside the same transaction, so a command that
/// validated against an older state fails to commit instead of breaking a rule.
/// </summary>
public sealed class WorkshopSession
{
    public Guid Id { get; set; }
    public string JoinCode { get; set; } = "";
    public string Title { get; set; } = "";
    public DateOnly? Date { get; set; }
    public SessionLanguage Language { get; set; }
    public string Intro { get; set; } = "";
    public string ClosingText { get; set; } = "";
    public byte[] FacilitatorKeyHash { get; set; } = [];
    public SessionSettings Settings { get; set; } = new();

    /// <summary>0 is the lobby, 1..N a question, N+1 the wrap-up.</summary>
    public int CurrentQuestion { get; set; }

    /// <summary>The facilitator closed the door: nobody new can join.</summary>
    public bool JoiningLocked { get; set; }

    /// <summary>
    /// How many pages the facilitator turned the board forward (less those turned back), ever. Each board
    /// pages through what does not fit its own screen, so only the turns mean anything: a board moves
    /// from the page it shows by the difference since it last looked.
    /// </summary>
    public long BoardPageTurns { get; set; }

    public long Version { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// The last write to the session, or the last time a server saw a screen watching it. Retention counts
    /// from here, never from <see cref="Date"/>: that is only what the report says the workshop's date was.
    /// </summary>
    public DateTime LastActivityUtc { get; set; }
    public List<Question> Questions { get; set; } = [];
    public List<Participant> Participants { get; set; } = [];

    /// <summary>Moves the whole room: 0 is the lobby, 1..<paramref name="questionCount"/> a question, one more the wrap-up.</summary>
    public void GoTo(int position, int questionCount)
    {
        if (position < 0 || position > questionCount + 1)
        {
            throw SessionRuleException.Invalid("Go to 0 (lobby), 1 to {0} (a question) or {1} (wrap-up).", questionCount, questionCount + 1);
        }
        CurrentQuestion = position;
    }

    public void TurnBoardPage(int by)
    {
        if (by is not (1 or -1))
        {
            throw SessionRuleException.Invalid("The board turns one page at a time: send 1 (forward) or -1 (back).");
        }
        BoardPageTurns += by;
    }
}
