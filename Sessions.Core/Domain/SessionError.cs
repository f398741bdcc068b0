namespace Sessions.Core.Domain;

/// <summary>Why a command was refused; the HTTP layer maps each kind to a status code.</summary>
public enum SessionError
{
    Invalid,
    NotFound,
    Unauthorized,
    Forbidden,
    Conflict,
    TooManyRequests,

    /// <summary>More than the request may carry (an archive over the import limit).</summary>
    TooLarge,
}
