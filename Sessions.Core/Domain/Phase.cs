namespace Sessions.Core.Domain;

/// <summary>The phases a question moves through, in order.</summary>
public enum Phase
{
    Collect = 0,
    Converge = 1,
    Vote = 2,
    Result = 3,
}
