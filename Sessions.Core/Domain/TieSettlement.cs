namespace Sessions.Core.Domain;

/// <summary>How a tie across the top-3 cut-off was settled; recorded so the report can say so.</summary>
public enum TieSettlement
{
    None = 0,
    Runoff = 1,
    Choice = 2,
}
