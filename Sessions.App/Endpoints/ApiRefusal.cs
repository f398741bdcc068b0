using Microsoft.Extensions.Localization;
using Sessions.App.Components.Shared;
using Sessions.App.Resources;
using Sessions.Core.Domain;
using Sessions.Core.Text;

namespace Sessions.App.Endpoints;

/// <summary>
/// A refusal written as problem+json the way every /api refusal is: the status's one title, the detail in English for
/// scripts, and "localized", the same sentence in the request's language (its culture cookie or Accept-Language), for a
/// person. Used for a refused command and for what the API refuses before any command runs (a body it cannot read, a
/// call or method that does not exist, a limit).
/// </summary>
public sealed class ApiRefusal(int status, LocalizableText text) : IResult
{
    public static ApiRefusal For(SessionRuleException refusal) =>
        new(ProblemResults.StatusOf(refusal.Error), new LocalizableText(refusal.Template, [.. refusal.Arguments]));

    public async Task ExecuteAsync(HttpContext httpContext) => await WriteAsync(httpContext);

    /// <summary>Writes the refusal; false when nothing could be written (the response has started).</summary>
    public async ValueTask<bool> WriteAsync(HttpContext context, Exception? exception = null)
    {
        context.Response.StatusCode = status;
        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = ProblemResults.TitleOf(status),
                Detail = text.ToString(),
                Extensions = { ["localized"] = localizer.Localize(text) },
            },
        };
        return await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(problem);
    }
}
