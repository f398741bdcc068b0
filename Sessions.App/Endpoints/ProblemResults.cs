using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Sessions.Core.Domain;
using Sessions.Core.Text;

namespace Sessions.App.Endpoints;

/// <summary>Turns a refused command, or a request that could not be read, into RFC 7807 problem+json with a clear detail.</summary>
public sealed class ProblemExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The detail stays English for scripts; "localized" says the same in the language the request asked for (its
        // culture cookie or Accept-Language), which a phone's outbox shows as the page itself would.
        var refusal = exception switch
        {
            SessionRuleException rule => ApiRefusal.For(rule),
            BadHttpRequestException bad => new ApiRefusal(bad.StatusCode, ProblemResults.Explain(bad, httpContext)),
            _ => null,
        };
        return refusal is not null && await refusal.WriteAsync(httpContext, exception);
    }
}

/// <summary>Status, title and a plain detail for every refusal the API gives: never a .NET type or the framework's own wording.</summary>
public static partial class ProblemResults
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

    public static string TitleOf(SessionError error) => TitleOf(StatusOf(error));

    /// <summary>One title per status, whichever part of the app refuses (RFC 9457: the same for every occurrence of the problem).</summary>
    public static string TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Invalid request",
        StatusCodes.Status401Unauthorized => "Not signed in for this",
        StatusCodes.Status403Forbidden => "Not allowed",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed",
        StatusCodes.Status409Conflict => "Not possible right now",
        StatusCodes.Status413PayloadTooLarge => "Too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        >= 500 => "Server error",
        _ => "The request could not be read",
    };

    /// <summary>The body limit of the endpoint the request reached, if it has one.</summary>
    public static long? BodyLimit(HttpContext context) =>
        Endpoint(context)?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;

    /// <summary>The endpoint the request reached; inside the exception handler, the one that threw (the handler runs with none).</summary>
    private static Endpoint? Endpoint(HttpContext context) =>
        context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;

    /// <summary>The body limit in megabytes (or kilobytes) to one decimal, not rounded down: "at most 36.3 MB", not 36.</summary>
    public static LocalizableText TooLarge(HttpContext context) => BodyLimit(context) switch
    {
        >= 1024 * 1024 and var limit => new LocalizableText("The request body is too large: at most {0:0.#} MB here.", Math.Floor(limit * 10.0 / 1024 / 1024) / 10),
        { } limit => new LocalizableText("The request body is too large: at most {0:0.#} KB here.", Math.Floor(limit * 10.0 / 1024) / 10),
        null => new LocalizableText("The request body is too large."),
    };

    /// <summary>
    /// What could not be read, in plain words. The framework's messages name parameter types and its JSON reader's
    /// ("Failed to read parameter \"BallotBody body\"", "System.Int32", "Path: $.dots.x | LineNumber: 0").
    /// </summary>
    public static LocalizableText Explain(BadHttpRequestException bad, HttpContext context)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(context);
        }
        if (bad.InnerException is JsonException json)
        {
            return JsonProblems.Explain(json, Endpoint(context)?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType);
        }
        if (FailedToBind().Match(bad.Message) is { Success: true } binding)
        {
            var value = binding.Groups["value"].Value;
            return new LocalizableText("\"{0}\" is not a value \"{1}\" can take.", new Verbatim(value.Length <= 40 ? value : value[..40] + "…"), new Verbatim(binding.Groups["name"].Value));
        }
        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return new LocalizableText("This call needs a JSON object as its body; see the README for the contract.");
        }
        return new LocalizableText("The request could not be read; see the README for the contract.");
    }

    [GeneratedRegex("^Failed to bind parameter \"[^\"]* (?<name>\\w+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();
}
