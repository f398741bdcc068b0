namespace Sessions.App.Endpoints;

/// <summary>
/// For /api: a body over the endpoint's size limit is refused before anything reads it, and an error
/// the framework answered without a body (a body cut off mid-read, say) still gets a problem+json detail.
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
                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ProblemResults.TooLarge(context));
                return;
            }
            await next();
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentType is null)
            {
                await WriteAsync(context, context.Response.StatusCode, context.Response.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => ProblemResults.TooLarge(context),
                    StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON (Content-Type: application/json).",
                    StatusCodes.Status405MethodNotAllowed => "This address does not take that HTTP method.",
                    StatusCodes.Status404NotFound => ApiFallback.NoSuchCall(context.Request),
                    _ => "The request could not be read.",
                });
            }
        });

    private static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail, Title = ProblemResults.TitleOf(status) },
        });
    }
}
