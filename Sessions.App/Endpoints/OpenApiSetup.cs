using System.Reflection;
using Microsoft.OpenApi;
using Sessions.Core.Reports;

namespace Sessions.App.Endpoints;

/// <summary>
/// The HTTP contract as an OpenAPI document at /openapi/v1.json, built from the endpoints' own metadata (named
/// handlers, typed results, <see cref="ApiProblems"/>), and in Development a readable reference page at
/// <see cref="ReferencePath"/>. The page is a small static page of this app rather than a package's UI: the
/// app's Content-Security-Policy allows no inline script and nothing from another origin, which the packaged
/// UIs need, and the page works without a network.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api-reference";

    public static IServiceCollection AddSessionsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // The contract is /api; the pages, the hub, /culture, /healthz and the diagnostics are not part of it.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Sessions API";
                document.Info.Description = "The HTTP contract of Sessions: create and run a workshop session. Facilitator calls carry the "
                    + "facilitator key and participant calls the participant token as Authorization: Bearer. Every refusal is "
                    + "application/problem+json with a plain detail (and a \"localized\" one in the request's language).";
                return Task.CompletedTask;
            });
            // The import reads its archive from the raw body (to name the size limit before reading it), so the
            // framework sees no body parameter: the archive is described here rather than by Accepts metadata,
            // which would also change how routing answers a request of another content type.
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                if (operation.OperationId == ImportOperation)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Description = "A session archive, as GET .../report.json gives it.",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(SessionArchive), null, cancellationToken) },
                        },
                    };
                }
            });
        });

    /// <summary>The operation id of the import (see SessionsApi).</summary>
    public const string ImportOperation = "ImportSession";

    public static WebApplication MapSessionsOpenApi(this WebApplication app)
    {
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapGet(ReferencePath, () => Page("api-reference.html", "text/html; charset=utf-8")).ExcludeFromDescription();
            app.MapGet(ReferencePath + ".js", () => Page("api-reference.js", "text/javascript; charset=utf-8")).ExcludeFromDescription();
        }
        return app;
    }

    private static IResult Page(string name, string contentType)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Sessions.ApiReference." + name)
            ?? throw new InvalidOperationException($"The reference page's {name} is not built into the app.");
        using var reader = new StreamReader(stream);
        return Results.Text(reader.ReadToEnd(), contentType);
    }
}
