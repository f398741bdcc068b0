using System.Globalization;

namespace Sessions.Core.Domain;

/// <summary>
/// A command was refused; nothing was changed. <see cref="Exception.Message"/> is the English text for
/// the user (and the problem+json detail); <see cref="Template"/> and <see cref="Arguments"/> let a
/// screen say the same in the reader's language.
/// </summary>
public sealed class SessionRuleException : Exception
{
    public SessionRuleException(SessionError error, string template, params object?[] arguments)
        : base(arguments.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, arguments))
    {
        Error = error;
        Template = template;
        Arguments = arguments;
    }

    public SessionRuleException() : this(SessionError.Invalid, "The request was refused.") { }

    public SessionRuleException(string message) : this(SessionError.Invalid, message) { }

    public SessionRuleException(string message, Exception innerException) : base(message, innerException)
    {
        Error = SessionError.Invalid;
        Template = message;
        Arguments = [];
    }

    public SessionError Error { get; }

    /// <summary>The English message with {0}-style places for <see cref="Arguments"/>.</summary>
    public string Template { get; }

    public IReadOnlyList<object?> Arguments { get; }

    public static SessionRuleException Invalid(string template, params object?[] arguments) => new(SessionError.Invalid, template, arguments);
    public static SessionRuleException NotFound(string template, params object?[] arguments) => new(SessionError.NotFound, template, arguments);
    public static SessionRuleException Unauthorized(string template, params object?[] arguments) => new(SessionError.Unauthorized, template, arguments);
    public static SessionRuleException Conflict(string template, params object?[] arguments) => new(SessionError.Conflict, template, arguments);
}
