using Microsoft.AspNetCore.Mvc;

namespace Sessions.App.Endpoints;

/// <summary>
/// The problem+json answers each kind of call can give, for the OpenAPI document. They are written by
/// <see cref="ApiRefusal"/> for a refused command, a body too large or unreadable and the rate limits; the statuses
/// follow <see cref="ProblemResults.StatusOf"/>. A call with a JSON body also names 415 (OpenApiSetup).
/// </summary>
public static class ApiProblems
{
    public static readonly int[] Create = [400, 413, 429];
    public static readonly int[] Import = [400, 413, 415, 429];
    public static readonly int[] Read = [404, 429];
    /// <summary>Calls with a join code and (except joining) the participant's token: a wrong token, a closed phase, an unknown code.</summary>
    public static readonly int[] Participant = [400, 401, 403, 404, 409, 413, 429];
    /// <summary>Calls with the facilitator key (Authorization: Bearer): no key 401, a wrong one 403.</summary>
    public static readonly int[] Facilitator = [400, 401, 403, 404, 409, 413];
    /// <summary>Deleting a saved template needs the key of the session it was saved from: none 401, another 403.</summary>
    public static readonly int[] Templates = [400, 401, 403, 404];

    public static TBuilder Problems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeAttribute(typeof(ProblemDetails), status, "application/problem+json"));
        }
        return builder;
    }
}
