using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;
using Sessions.App.Components.Shared;
using Sessions.App.Resources;
using Sessions.Core.Domain;

namespace Sessions.App.Endpoints;

/// <summary>Turns a refused command, or a request that could not be read, into RFC 7807 problem+json with a clear detail.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> localizer) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            SessionRuleException rule => (ProblemResults.StatusOf(rule.Error), ProblemResults.TitleOf(rule.Error), rule.Message),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read", ProblemResults.Explain(bad)),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        if (exception is SessionRuleException refusal)
        {
            // The detail stays English for scripts; a phone's outbox shows the refusal in the language the
            // request asked for (its culture cookie or Accept-Language), as the page itself would.
            problem.ProblemDetails.Extensions["localized"] = localizer.Localize(refusal);
        }
        return await problems.TryWriteAsync(problem);
    }
}

public static class ProblemResults
{
    public static int StatusOf(SessionError error) => error switch
    {
        SessionError.NotFound => StatusCodes.Status404NotFound,
        SessionError.Unauthorized => StatusCodes.Status401Unauthorized,
        SessionError.Forbidden => StatusCodes.Status403Forbidden,
        SessionError.Conflict => StatusCodes.Status409Conflict,
        SessionError.TooManyRequests => StatusCodes.Status429TooManyRequests,
        SessionError.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    };

    public static string TitleOf(SessionError error) => error switch
    {
        SessionError.NotFound => "Not found",
        SessionError.Unauthorized => "Not signed in for this",
        SessionError.Forbidden => "Not allowed",
        SessionError.Conflict => "Not possible right now",
        SessionError.TooManyRequests => "Too many requests",
        SessionError.TooLarge => "Too large",
        _ => "Invalid request",
    };

    public static string Explain(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return "The request body is too large.";
        }
        var inner = bad.InnerException?.Message;
        return inner is null ? bad.Message : $"{bad.Message} {inner}";
    }
}
