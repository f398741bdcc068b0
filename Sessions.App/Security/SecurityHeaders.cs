namespace Sessions.App.Security;

/// <summary>
/// Headers on every response. The Content-Security-Policy allows what Blazor Server and MudBlazor
/// need and nothing else: scripts only from this origin (no inline script; the import map is not
/// used), inline styles (MudBlazor sets them), images from this origin and data: URIs (the QR code),
/// the circuit's WebSocket to this host. No framing, and no Referer that could carry a key.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var host = context.Request.Host.Value;
                headers.ContentSecurityPolicy =
                    "default-src 'self'; " +
                    "script-src 'self'; " +
                    "style-src 'self' 'unsafe-inline'; " +
                    "img-src 'self' data:; " +
                    "font-src 'self' data:; " +
                    $"connect-src 'self' ws://{host} wss://{host}; " +
                    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });
}
