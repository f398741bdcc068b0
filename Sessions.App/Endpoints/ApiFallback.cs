using Microsoft.AspNetCore.Routing.Template;
using Sessions.Core.Text;

namespace Sessions.App.Endpoints;

/// <summary>
/// What /api answers when no endpoint took a request: 415 when a call exists at that address and method but routing
/// passed over it because the body is not JSON (no Content-Type, or another one); 405 with Allow when the address
/// exists for other methods only; otherwise 404 naming the call that does not exist.
/// </summary>
public static class ApiFallback
{
    public static ApiRefusal Answer(HttpContext context)
    {
        var request = context.Request;
        var methods = MethodsAt(context);
        if (methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
        {
            return UnsupportedMediaType(request);
        }
        if (methods.Count > 0)
        {
            context.Response.Headers.Allow = string.Join(", ", methods);
            return new ApiRefusal(StatusCodes.Status405MethodNotAllowed,
                new LocalizableText("This address does not take {0}; it takes {1}.", new Verbatim(request.Method), new Verbatim(string.Join(", ", methods))));
        }
        return new ApiRefusal(StatusCodes.Status404NotFound, NoSuchCall(request));
    }

    /// <summary>415 saying to send JSON, naming what came instead.</summary>
    public static ApiRefusal UnsupportedMediaType(HttpRequest request) =>
        new(StatusCodes.Status415UnsupportedMediaType, request.ContentType is { Length: > 0 } type
            ? new LocalizableText("Send the body as JSON (Content-Type: application/json), not {0}.", new Verbatim(Shorten(type)))
            : new LocalizableText("Send the body as JSON (Content-Type: application/json)."));

    public static LocalizableText NoSuchCall(HttpRequest request) =>
        new LocalizableText("There is no API call {0} {1}; see the README for the contract.", new Verbatim(request.Method), new Verbatim(Shorten(request.Path.Value ?? "/")));

    /// <summary>The methods of the /api endpoints whose address (with its constraints) matches the request's path, in order.</summary>
    private static List<string> MethodsAt(HttpContext context)
    {
        var resolver = context.RequestServices.GetRequiredService<IInlineConstraintResolver>();
        var methods = new List<string>();
        foreach (var endpoint in context.RequestServices.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { } accepted
                || endpoint.RoutePattern.RawText is not { } raw || raw.Contains("{*", StringComparison.Ordinal) || raw.Contains("**", StringComparison.Ordinal))
            {
                continue;
            }
            var template = TemplateParser.Parse(raw.TrimStart('/'));
            var values = new RouteValueDictionary();
            if (!new TemplateMatcher(template, new RouteValueDictionary()).TryMatch(context.Request.Path, values))
            {
                continue;
            }
            // The matcher reads the address only; "{questionNumber:int}" must also hold a number.
            var constrained = template.Parameters.All(parameter => parameter.InlineConstraints.All(inline =>
                resolver.ResolveConstraint(inline.Constraint) is not { } constraint
                || constraint.Match(context, null, parameter.Name!, values, RouteDirection.IncomingRequest)));
            if (constrained)
            {
                methods.AddRange(accepted.Where(m => !methods.Contains(m, StringComparer.OrdinalIgnoreCase)));
            }
        }
        return methods;
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
