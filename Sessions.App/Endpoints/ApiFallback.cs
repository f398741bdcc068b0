using Microsoft.AspNetCore.Routing.Template;

namespace Sessions.App.Endpoints;

/// <summary>
/// What /api answers when no endpoint took a request: 415 when a call exists at that address and method
/// but the body is not JSON (routing passes over an endpoint whose content type does not match), otherwise
/// 404 naming the call that does not exist.
/// </summary>
public static class ApiFallback
{
    public static IResult Answer(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase) && ExistsForMethod(context))
        {
            return UnsupportedMediaType(request);
        }
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: ProblemResults.TitleOf(StatusCodes.Status404NotFound), detail: NoSuchCall(request));
    }

    /// <summary>415 saying to send JSON, naming what came instead.</summary>
    public static IResult UnsupportedMediaType(HttpRequest request) =>
        Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: ProblemResults.TitleOf(StatusCodes.Status415UnsupportedMediaType),
            detail: request.ContentType is { Length: > 0 } type
                ? $"Send the body as JSON (Content-Type: application/json), not {Shorten(type)}."
                : "Send the body as JSON (Content-Type: application/json).");

    public static string NoSuchCall(HttpRequest request) =>
        $"There is no API call {request.Method} {Shorten(request.Path.Value ?? "/")}; see the README for the contract.";

    public static string Size(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / 1024 / 1024} MB" : $"{bytes / 1024} KB";

    private static bool ExistsForMethod(HttpContext context)
    {
        var sources = context.RequestServices.GetServices<EndpointDataSource>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is null || !methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase)
                || endpoint.RoutePattern.RawText is not { } raw || raw.Contains("**", StringComparison.Ordinal))
            {
                continue;
            }
            var matcher = new TemplateMatcher(TemplateParser.Parse(raw.TrimStart('/')), new RouteValueDictionary());
            if (matcher.TryMatch(context.Request.Path, new RouteValueDictionary()))
            {
                return true;
            }
        }
        return false;
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
