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
            // Only a path on this site: never an open redirect, and never a target the Location header cannot carry.
            return Results.LocalRedirect(IsSafeLocalPath(redirectUri) ? redirectUri! : "/");
        });
        return app;
    }

    /// <summary>
    /// A path on this site that a Location header can carry as it is: starts with one "/", and holds only
    /// printable ASCII without backslashes (browsers read "/\\host" as another site; control and non-ASCII
    /// characters cannot go into a header, which made the answer a 500).
    /// </summary>
    public static bool IsSafeLocalPath(string? path) =>
        path is { Length: > 0 and <= 2048 } && path[0] == '/' && (path.Length == 1 || path[1] is not ('/' or '\\'))
        && path.All(c => c is >= '!' and <= '~' and not '\\');
}
