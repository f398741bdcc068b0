using Microsoft.Net.Http.Headers;

namespace Sessions.App.Endpoints;

internal static class Bearer
{
    /// <summary>The token of an "Authorization: Bearer ..." header, or null.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }
}
