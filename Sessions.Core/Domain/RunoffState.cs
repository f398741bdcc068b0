namespace Sessions.Core.Domain;

public enum RunoffState
{
    None = 0,
    Open = 1,
    Closed = 2,
}
