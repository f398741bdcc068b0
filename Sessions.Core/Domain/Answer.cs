namespace Sessions.Core.Domain;

public sealed class Answer
{
    public Guid Id { get; set; }
    public Guid QuestionId { get; set; }

    /// <summary>The participant who wrote it; null for answers added by the facilitator or an import.</summary>
    public Guid? ParticipantId { get; set; }

    public string Text { get; set; } = "";

    /// <summary>The words as first submitted; kept when the facilitator edits or merges.</summary>
    public string OriginalText { get; set; } = "";

    /// <summary>Lets a client resubmit after a reconnect without creating a second answer.</summary>
    public string? ClientRequestId { get; set; }

    public bool Hidden { get; set; }
    public Guid? MergedIntoId { get; set; }

    /// <summary>Submission order within the session; breaks equal dot counts in favour of the earlier answer.</summary>
    public long Sequence { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Checks that this answer may be absorbed by <paramref name="target"/>, a merge of two.</summary>
    public void EnsureCanMergeInto(Answer target)
    {
        if (MergedIntoId is not null || target.MergedIntoId is not null)
        {
            throw SessionRuleException.Conflict("One of these answers is already merged into another; merge into the one that absorbed it.");
        }
        if (target.Hidden)
        {
            throw SessionRuleException.Conflict("Unhide the answer first, or merge into a visible one.");
        }
    }

    /// <summary>Checks that this answer may take part in a merge of a group, either side.</summary>
    public void EnsureCanJoinMerge()
    {
        if (MergedIntoId is not null)
        {
            throw SessionRuleException.Conflict("Answer \"{0}\" is already merged into another; merge into the one that absorbed it.", Short(Text));
        }
        if (Hidden)
        {
            throw SessionRuleException.Conflict("Answer \"{0}\" is hidden; unhide it first or leave it out.", Short(Text));
        }
    }

    /// <summary>
    /// Undoes this answer's merge. Only in converge and only while nobody has dots on the question, because a
    /// merge moves each participant's dots onto the absorbing answer (capped, with refunds) and nothing records
    /// which of them came from where, so after a vote the dots could not be split back honestly.
    /// </summary>
    public void Unmerge(Phase phase, bool questionHasDots)
    {
        if (MergedIntoId is null)
        {
            throw SessionRuleException.Conflict("This answer is not merged into another one; there is no merge to undo.");
        }
        if (phase != Phase.Converge)
        {
            throw SessionRuleException.Conflict("A merge can only be undone while the question is in converge; it is in {0}.", new PhaseName(phase));
        }
        if (questionHasDots)
        {
            throw SessionRuleException.Conflict("Dots have been placed on this question: the merge moved them onto the answer that absorbed this one and they cannot be split back, so the merge stays.");
        }
        MergedIntoId = null;
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..39] + "…";
}
