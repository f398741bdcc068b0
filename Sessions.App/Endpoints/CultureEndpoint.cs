using Microsoft.AspNetCore.Localization;

namespace Sessions.App.Endpoints;

/// <summary>The language switch: remembers the choice in a cookie for a year and reloads the page.</summary>
public static class CultureEndpoint
{
    public static readonly string[] Supported = ["nl", "en"];

    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", (string? culture, string? redirectUri, HttpContext context) =>
        {
            if (culture is null || !Supported.Contains(culture))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown language", detail: "Choose nl or en.");
            }
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            // Only a path on this site: never an open redirect.
            var target = redirectUri is { Length: > 0 } && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//", StringComparison.Ordinal) ? redirectUri : "/";
            return Results.LocalRedirect(target);
        });
        return app;
    }
}
