using System.Reflection;
using Microsoft.AspNetCore.Mvc;
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
                DescribeKeys(document);
                DescribeHealth(document);
                return Task.CompletedTask;
            });
            // Every refusal carries "localized" and "traceId" beside the RFC 9457 fields (ApiRefusal, ProblemDetailsService).
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(ProblemDetails))
                {
                    schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                    schema.Properties["localized"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "The detail in the request's language (its culture cookie or Accept-Language): what to show a person.",
                    };
                    schema.Properties["traceId"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "The request's trace id, as the server's logs and traces name it.",
                    };
                }
                return Task.CompletedTask;
            });
            // The import takes an archive as the app writes it, but needs only part of it (a setting left out takes the
            // configured default, a list left out is empty): only what it refuses without is marked required.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (s_importRequired.TryGetValue(context.JsonTypeInfo.Type, out var required))
                {
                    schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
                }
                return Task.CompletedTask;
            });
            // A call that takes a JSON body refuses another content type (or none) with 415.
            options.AddOperationTransformer((operation, _, _) =>
            {
                if (operation.RequestBody is not null && operation.Responses is { } responses && !responses.ContainsKey("415")
                    && responses.Values.FirstOrDefault(r => r.Content?.ContainsKey("application/problem+json") == true) is { Content: { } problem })
                {
                    responses["415"] = new OpenApiResponse { Description = "Unsupported Media Type", Content = new Dictionary<string, OpenApiMediaType>(problem) };
                }
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

    /// <summary>What the importer refuses an archive without, per part of it (SessionImporter).</summary>
    private static readonly Dictionary<Type, string[]> s_importRequired = new()
    {
        [typeof(SessionArchive)] = ["format", "formatVersion", "title", "questions"],
        [typeof(ArchiveQuestion)] = ["number", "text", "phase"],
        [typeof(ArchiveAnswer)] = ["ref", "text"],
        [typeof(ArchiveBallot)] = ["participant", "dots"],
        [typeof(ArchiveParticipant)] = ["ref"],
        [typeof(ArchiveRejection)] = ["answers"],
        [typeof(ArchiveSettings)] = [],
    };

    public const string FacilitatorKey = "facilitatorKey";
    public const string ParticipantToken = "participantToken";

    /// <summary>
    /// The two keys as bearer schemes, and which calls need which: a facilitator call (under /api/sessions/{sessionId})
    /// the facilitator key; a participant's own call the participant token; joining and the template list take one
    /// if the browser holds it (an empty requirement says it may be left out).
    /// </summary>
    private static void DescribeKeys(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[FacilitatorKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The facilitator key a session was created with (facilitatorKey in the 201 of create, import or duplicate).",
        };
        document.Components.SecuritySchemes[ParticipantToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The participant token a join answered with (participantToken).",
        };
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var (scheme, optional) = path switch
                {
                    _ when path.Contains("{sessionId}", StringComparison.Ordinal) => (FacilitatorKey, false),
                    _ when path.StartsWith("/api/templates", StringComparison.Ordinal) => (FacilitatorKey, true),
                    _ when path.EndsWith("/participants", StringComparison.Ordinal) => (ParticipantToken, true),
                    _ when path.Contains("{joinCode}/", StringComparison.Ordinal) => (ParticipantToken, false),
                    _ => (null, false),
                };
                if (scheme is null)
                {
                    continue;
                }
                operation.Security ??= [];
                if (optional)
                {
                    operation.Security.Add(new OpenApiSecurityRequirement());
                }
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
            }
        }
    }

    /// <summary>/healthz is not part of /api, but load balancers and monitors call it: described here (HealthReportWriter).</summary>
    private static void DescribeHealth(OpenApiDocument document)
    {
        static OpenApiResponse Text(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
        };
        document.Paths["/healthz"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "Health",
                    Summary = "Whether the app and its database (and Redis, when configured) are up: the status on the first line, then one line per check.",
                    Responses = new OpenApiResponses
                    {
                        ["200"] = Text("Healthy, or Degraded with the reason on the check's line (the app still serves its own screens)."),
                        ["503"] = Text("Unhealthy: the database cannot be reached."),
                    },
                },
            },
        };
    }

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
