using Sessions.Core.Text;

namespace Sessions.App.Endpoints;

/// <summary>
/// For /api: a body over the endpoint's size limit is refused before anything reads it, and an error
/// the framework answered without a body (a body cut off mid-read, a rate limit) still gets a problem+json detail.
/// </summary>
public static class ApiBodyGuard
{
    public static IApplicationBuilder UseApiBodyGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await next();
                return;
            }
            if (ProblemResults.BodyLimit(context) is { } max && context.Request.ContentLength > max)
            {
                await new ApiRefusal(StatusCodes.Status413PayloadTooLarge, ProblemResults.TooLarge(context)).WriteAsync(context);
                return;
            }
            await next();
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentType is null)
            {
                var status = context.Response.StatusCode;
                await new ApiRefusal(status, status switch
                {
                    StatusCodes.Status413PayloadTooLarge => ProblemResults.TooLarge(context),
                    StatusCodes.Status415UnsupportedMediaType => new LocalizableText("Send the body as JSON (Content-Type: application/json)."),
                    StatusCodes.Status405MethodNotAllowed => context.Response.Headers.Allow is { Count: > 0 } allow
                        ? new LocalizableText("This address does not take {0}; it takes {1}.", new Verbatim(context.Request.Method), new Verbatim(allow.ToString()))
                        : new LocalizableText("This address does not take {0}.", new Verbatim(context.Request.Method)),
                    StatusCodes.Status404NotFound => ApiFallback.NoSuchCall(context.Request),
                    StatusCodes.Status429TooManyRequests => new LocalizableText("Too many requests from this address; wait a minute and try again."),
                    _ => new LocalizableText("The request could not be read; see the README for the contract."),
                }).WriteAsync(context);
            }
        });
}
