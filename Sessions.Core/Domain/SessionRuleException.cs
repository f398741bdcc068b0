namespace Sessions.Core.Domain;

/// <summary>A command was refused; nothing was changed. <see cref="Exception.Message"/> is meant for the user.</summary>
public sealed class SessionRuleException : Exception
{
    public SessionRuleException(SessionError error, string message) : base(message) => Error = error;

    public SessionRuleException() : this(SessionError.Invalid, "The request was refused.") { }

    public SessionRuleException(string message) : this(SessionError.Invalid, message) { }

    public SessionRuleException(string message, Exception innerException) : base(message, innerException) => Error = SessionError.Invalid;

    public SessionError Error { get; }

    public static SessionRuleException Invalid(string message) => new(SessionError.Invalid, message);
    public static SessionRuleException NotFound(string message) => new(SessionError.NotFound, message);
    public static SessionRuleException Unauthorized(string message) => new(SessionError.Unauthorized, message);
    public static SessionRuleException Conflict(string message) => new(SessionError.Conflict, message);
}
