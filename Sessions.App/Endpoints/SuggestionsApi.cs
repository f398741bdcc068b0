using Microsoft.AspNetCore.Http.HttpResults;
using Sessions.Core.Domain;
using Sessions.Core.Suggestions;

namespace Sessions.App.Endpoints;

public sealed record SuggestedGroupResponse(IReadOnlyList<Guid> AnswerIds, double Score, IReadOnlyList<string> SharedTerms);

/// <summary>
/// The groups, and how many of the question's visible unmerged answers they were computed from (<c>considered</c>) out of
/// how many there are (<c>total</c>): past the bound only the first that many are looked at; <c>partial</c> when the
/// computation's work budget ran out before every pair of those was compared (long answers), so more groups may exist.
/// </summary>
public sealed record SuggestionsResponse(IReadOnlyList<SuggestedGroupResponse> Groups, int Considered, int Total, bool Partial);

public sealed record MergeGroupBody(Guid? Into, List<Guid>? AnswerIds, string? Text = null);

/// <summary>The suggested group's answers; with <c>answerId</c>, only that answer is taken out of it.</summary>
public sealed record RejectSuggestionBody(List<Guid>? AnswerIds, Guid? AnswerId = null);

/// <summary>The converge assistant's contract: suggested duplicates, merging a group at once, saying no to a suggestion.</summary>
public static class SuggestionsApi
{
    public static RouteGroupBuilder MapSuggestions(this RouteGroupBuilder api)
    {
        var question = api.MapGroup("/{sessionId:guid}/questions/{questionNumber:int}").WithTags("Facilitator").Problems(ApiProblems.Facilitator);

        question.MapGet("/suggestions", GetSuggestionsAsync).WithName("GetSuggestions")
            .WithSummary("Groups of answers that look like duplicates, for the facilitator to merge.");
        question.MapPost("/merge-group", MergeGroupAsync).WithName("MergeGroup")
            .WithSummary("Merge a group of answers into one (\"into\") at once.");
        question.MapPost("/suggestions/reject", RejectAsync).WithName("RejectSuggestion")
            .WithSummary("Say no to a suggested group, or take one answer out of it.");
        return api;
    }

    private static async Task<Ok<SuggestionsResponse>> GetSuggestionsAsync(Guid sessionId, int questionNumber, HttpRequest request, SuggestionService service, CancellationToken ct)
    {
        var result = await service.SuggestAsync(sessionId, Bearer.From(request), questionNumber, ct);
        return TypedResults.Ok(new SuggestionsResponse(
            result.Groups.Select(g => new SuggestedGroupResponse(g.AnswerIds, g.Score, g.SharedTerms)).ToList(), result.Considered, result.Total, result.Partial));
    }

    private static async Task<NoContent> MergeGroupAsync(Guid sessionId, int questionNumber, MergeGroupBody body, HttpRequest request, SuggestionService service, CancellationToken ct)
    {
        if (body.Into is not { } into)
        {
            throw SessionRuleException.Invalid("\"into\" must be the id of the answer that absorbs the others.");
        }
        await service.MergeGroupAsync(sessionId, Bearer.From(request), questionNumber, into, body.AnswerIds, body.Text, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Without "answerId" the whole group is refused; with it, that answer is moved out of the group.</summary>
    private static async Task<NoContent> RejectAsync(Guid sessionId, int questionNumber, RejectSuggestionBody body, HttpRequest request, SuggestionService service, CancellationToken ct)
    {
        await service.RejectAsync(sessionId, Bearer.From(request), questionNumber, body.AnswerIds, body.AnswerId, ct);
        return TypedResults.NoContent();
    }
}
