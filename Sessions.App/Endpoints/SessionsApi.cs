using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Sessions.App.Security;
using Sessions.Core.Domain;
using Sessions.Core.Reports;
using Sessions.Core.Services;

namespace Sessions.App.Endpoints;

/// <summary>
/// The HTTP contract of product.md, described at /openapi/v1.json. Every endpoint is a named handler that calls
/// the same services as the pages; a refusal is thrown as <see cref="SessionRuleException"/> and written as
/// problem+json by <see cref="ProblemExceptionHandler"/>.
/// </summary>
public static class SessionsApi
{
    /// <summary>A body larger than this is refused with 413 before it is read (an import may be larger).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions")
            .WithTags("Sessions")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .AddEndpointFilter(GuardJoinCodes);

        api.MapPost("/", CreateAsync).WithName("CreateSession")
            .WithSummary("Create a session, from a template or from its own questions; a setting left out takes the configured default.")
            .Problems(ApiProblems.Create)
            .AddEndpointFilter(AddressLimits.Filter(AddressLimits.Create));

        // The archive is read from the raw body (a body parameter would read it whole before the size check could
        // name the limit), so the content type is checked here: a wrong one costs no share of the create budget.
        api.MapPost("/import", ImportAsync).WithName(OpenApiSetup.ImportOperation)
            .WithSummary("Create a session from a JSON archive downloaded from a session's console (report.json).")
            .Problems(ApiProblems.Import)
            .AddEndpointFilter((context, next) => context.HttpContext.Request.HasJsonContentType()
                ? next(context)
                : ValueTask.FromResult<object?>(ApiFallback.UnsupportedMediaType(context.HttpContext.Request)))
            .AddEndpointFilter(AddressLimits.Filter(AddressLimits.Create))
            .WithMetadata(new RequestSizeLimitAttribute(SessionImporter.MaxArchiveBytes));

        api.MapGet("/{joinCode}", GetSessionAsync).WithName("GetSession")
            .WithSummary("The session as the room sees it: questions, phases, answers and counts as far as they are public.")
            .Problems(ApiProblems.Read);

        api.MapPost("/{joinCode}/participants", JoinAsync).WithName("Join")
            .WithSummary("Join the session. A browser that sends the token it holds (Authorization: Bearer) is the participant it was: 200, not a second one.")
            .Problems(ApiProblems.Participant)
            .AddEndpointFilter(AddressLimits.JoinFilter());
        api.MapPut("/{joinCode}/participants/me", SetConsentAsync).WithName("SetConsent")
            .WithSummary("Say whether you may be named in the report (Authorization: Bearer participant token).")
            .Problems(ApiProblems.Participant);
        api.MapPost("/{joinCode}/questions/{questionNumber:int}/answers", SubmitAnswerAsync).WithName("SubmitAnswer")
            .WithSummary("Write an answer while the question collects (Authorization: Bearer participant token).")
            .Problems(ApiProblems.Participant);
        api.MapPut("/{joinCode}/questions/{questionNumber:int}/answers/{answerId:guid}", EditAnswerAsync).WithName("EditAnswer")
            .WithSummary("Change the words of your own answer while the question collects.")
            .Problems(ApiProblems.Participant);
        api.MapDelete("/{joinCode}/questions/{questionNumber:int}/answers/{answerId:guid}", WithdrawAnswerAsync).WithName("WithdrawAnswer")
            .WithSummary("Withdraw your own answer while the question collects.")
            .Problems(ApiProblems.Participant);
        api.MapPut("/{joinCode}/questions/{questionNumber:int}/ballot", PutBallotAsync).WithName("PutBallot")
            .WithSummary("Place your whole ballot (answer id to dots); an older revision than the last one accepted is ignored.")
            .Problems(ApiProblems.Participant);

        MapFacilitator(api);
        api.MapSuggestions();

        // Saved templates are listed and deleted only with the facilitator key of the session they were saved from.
        var templates = app.MapGroup("/api/templates").WithTags("Templates");
        templates.MapGet("/", ListTemplatesAsync).WithName("ListTemplates")
            .WithSummary("The built-in templates, and the saved ones of the facilitator key sent (Authorization: Bearer).")
            .Problems(ApiProblems.Templates);
        templates.MapDelete("/{templateKey}", DeleteTemplateAsync).WithName("DeleteTemplate")
            .WithSummary("Delete a saved template, with the facilitator key of the session it was saved from.")
            .Problems(ApiProblems.Templates);

        api.MapFallback(ApiFallback.Answer).ExcludeFromDescription();
        return app;
    }

    private static void MapFacilitator(RouteGroupBuilder api)
    {
        // Every call here carries the facilitator key: Authorization: Bearer <key>.
        var facilitator = api.MapGroup("/{sessionId:guid}").WithTags("Facilitator").Problems(ApiProblems.Facilitator);

        facilitator.MapPost("/questions/{questionNumber:int}/phase", SetPhaseAsync).WithName("SetPhase")
            .WithSummary("Move a question one phase on or back: collect, converge, vote, result.");
        facilitator.MapPost("/questions/{questionNumber:int}/answers/{answerId:guid}/merge", MergeAsync).WithName("Merge")
            .WithSummary("Merge this answer into another (\"into\"), optionally with new words; dots are carried over and capped.");
        facilitator.MapPost("/questions/{questionNumber:int}/answers/{answerId:guid}/unmerge", UnmergeAsync).WithName("Unmerge")
            .WithSummary("Undo a merge while the question converges and nobody has dots on it.");
        facilitator.MapPatch("/questions/{questionNumber:int}/answers/{answerId:guid}", PatchAnswerAsync).WithName("PatchAnswer")
            .WithSummary("Change an answer's words (the original stays on record) or hide or show it.");
        facilitator.MapPost("/questions/{questionNumber:int}/tie", SettleTieAsync).WithName("SettleTie")
            .WithSummary("Settle a tie across the cut-off: choose the winners, or open or close a runoff.");
        facilitator.MapPost("/current", GoToAsync).WithName("GoTo")
            .WithSummary("Show the room a question: 0 is the lobby, 1 to N a question, N+1 the wrap-up.");
        facilitator.MapPost("/questions/{questionNumber:int}/reveal", RevealAsync).WithName("Reveal")
            .WithSummary("Reveal (or hide again) the answers of silent writing and/or the hidden dot counts, in one change.");
        facilitator.MapPut("/settings", UpdateSettingsAsync).WithName("UpdateSettings")
            .WithSummary("Change the settings; a setting left out stays as it is.");
        facilitator.MapGet("/report.{format}", ReportAsync).WithName("GetReport")
            .WithSummary("The report as md, html, pdf, docx, csv or xlsx, or the archive as json; ?answers=true lists every answer.")
            .Produces<byte[]>(StatusCodes.Status200OK, "text/markdown", "text/html", "application/pdf",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/json");
        facilitator.MapPost("/questions/{questionNumber:int}/timer", StartTimerAsync).WithName("StartTimer")
            .WithSummary("Start a countdown on the board; with \"advance\" the question moves to its next phase at zero.");
        facilitator.MapDelete("/questions/{questionNumber:int}/timer", StopTimerAsync).WithName("StopTimer")
            .WithSummary("Stop the countdown.");
        facilitator.MapPost("/duplicate", DuplicateAsync).WithName("DuplicateSession")
            .WithSummary("A new session with this one's questions, settings and texts, without participants or answers.")
            .Problems(StatusCodes.Status429TooManyRequests)
            .AddEndpointFilter(AddressLimits.Filter(AddressLimits.Create));
        facilitator.MapPost("/template", SaveTemplateAsync).WithName("SaveTemplate")
            .WithSummary("Save this session's questions, texts and settings as a template.");
        facilitator.MapPost("/joining", SetJoiningAsync).WithName("SetJoining")
            .WithSummary("Close the session to new participants, or open it again.");
        facilitator.MapPost("/board/page", TurnBoardPageAsync).WithName("TurnBoardPage")
            .WithSummary("Turn every board's page: 1 forward, -1 back.");
        facilitator.MapDelete("/participants/{participantId:guid}", RemoveParticipantAsync).WithName("RemoveParticipant")
            .WithSummary("Remove a participant with their answers and dots.");
        facilitator.MapDelete("/", DeleteSessionAsync).WithName("DeleteSession")
            .WithSummary("Delete the session with everything in it.");
    }

    /// <summary>Routes with a join code count the unknown codes an address tries (see JoinCodeGuard).</summary>
    private static async ValueTask<object?> GuardJoinCodes(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.RouteValues.ContainsKey("joinCode"))
        {
            return await next(context);
        }
        var guard = http.RequestServices.GetRequiredService<JoinCodeGuard>();
        var address = ClientRateLimits.ClientAddress(http);
        await guard.EnsureAllowedAsync(address, http.Request.RouteValues["joinCode"] as string, Bearer.From(http.Request),
            http.RequestServices.GetRequiredService<ParticipantService>(), http.RequestAborted);
        try
        {
            return await next(context);
        }
        catch (SessionRuleException ex) when (SessionReader.IsUnknownJoinCode(ex))
        {
            guard.RecordMiss(address);
            throw;
        }
    }

    /// <summary>201 for a session made by create, import or duplicate: its address, keys and links.</summary>
    private static Created<CreatedSessionResponse> CreatedSession(HttpRequest request, CreatedSession created) =>
        TypedResults.Created($"/api/sessions/{created.JoinCode}", CreatedSessionResponse.For(request, created));

    private static async Task<Created<CreatedSessionResponse>> CreateAsync(CreateSessionBody body, SessionCatalog catalog, HttpRequest request, CancellationToken ct) =>
        CreatedSession(request, await catalog.CreateAsync(body.ToRequest(), ct));

    private static async Task<Created<CreatedSessionResponse>> ImportAsync(HttpRequest request, SessionImporter importer, CancellationToken ct) =>
        CreatedSession(request, await importer.ImportAsync(request.Body, ct));

    private static async Task<Ok<PublicSessionState>> GetSessionAsync(string joinCode, SessionReader reader, CancellationToken ct) =>
        TypedResults.Ok(PublicStateBuilder.Build(await reader.GetByJoinCodeAsync(joinCode, ct)));

    private static async Task<Results<Ok<JoinResponse>, Created<JoinResponse>>> JoinAsync(string joinCode, JoinBody body, HttpRequest request, ParticipantService participants, CancellationToken ct)
    {
        var joined = await participants.JoinAsync(joinCode, new JoinRequest(body.Name, body.Organisation, body.MayBeNamed, Bearer.From(request)), ct);
        var response = new JoinResponse(joined.ParticipantId, joined.ParticipantToken);
        return joined.Rejoined ? TypedResults.Ok(response) : TypedResults.Created((string?)null, response);
    }

    private static async Task<NoContent> SetConsentAsync(string joinCode, ConsentBody body, HttpRequest request, ParticipantService participants, CancellationToken ct)
    {
        if (body.MayBeNamed is not { } mayBeNamed)
        {
            throw SessionRuleException.Invalid("Send {\"mayBeNamed\": true} or {\"mayBeNamed\": false}.");
        }
        await participants.SetConsentAsync(joinCode, Bearer.From(request), mayBeNamed, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<AnswerCreatedResponse>> SubmitAnswerAsync(string joinCode, int questionNumber, AnswerBody body, HttpRequest request, ParticipantService participants, CancellationToken ct)
    {
        var id = await participants.SubmitAnswerAsync(joinCode, questionNumber, Bearer.From(request), body.Text, body.ClientRequestId, ct);
        return TypedResults.Created((string?)null, new AnswerCreatedResponse(id));
    }

    private static async Task<NoContent> EditAnswerAsync(string joinCode, int questionNumber, Guid answerId, AnswerBody body, HttpRequest request, ParticipantService participants, CancellationToken ct)
    {
        await participants.EditAnswerAsync(joinCode, questionNumber, Bearer.From(request), answerId, body.Text, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> WithdrawAnswerAsync(string joinCode, int questionNumber, Guid answerId, HttpRequest request, ParticipantService participants, CancellationToken ct)
    {
        await participants.WithdrawAnswerAsync(joinCode, questionNumber, Bearer.From(request), answerId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<BallotResponse>> PutBallotAsync(string joinCode, int questionNumber, BallotBody body, HttpRequest request, ParticipantService participants, CancellationToken ct)
    {
        var accepted = await participants.PutBallotAsync(joinCode, questionNumber, Bearer.From(request), body.Dots, body.Revision, ct);
        return TypedResults.Ok(new BallotResponse(accepted));
    }

    private static async Task<Ok<IReadOnlyList<TemplateChoice>>> ListTemplatesAsync(HttpRequest request, TemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.ListAsync(Bearer.From(request) is { } key ? [key] : [], ct));

    private static async Task<NoContent> DeleteTemplateAsync(string templateKey, HttpRequest request, TemplateService templates, CancellationToken ct)
    {
        await templates.DeleteAsync(templateKey, Bearer.From(request) is { } key ? [key] : [], ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SetPhaseAsync(Guid sessionId, int questionNumber, PhaseBody body, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        if (!PhaseRules.TryParse(body.Phase, out var phase))
        {
            throw SessionRuleException.Invalid("\"phase\" must be one of collect, converge, vote, result.");
        }
        await service.SetPhaseAsync(sessionId, Bearer.From(request), questionNumber, phase, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> MergeAsync(Guid sessionId, int questionNumber, Guid answerId, MergeBody body, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        if (body.Into is not { } into)
        {
            throw SessionRuleException.Invalid("\"into\" must be the id of the answer that absorbs this one.");
        }
        await service.MergeAsync(sessionId, Bearer.From(request), questionNumber, answerId, into, body.Text, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnmergeAsync(Guid sessionId, int questionNumber, Guid answerId, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        await service.UnmergeAsync(sessionId, Bearer.From(request), questionNumber, answerId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> PatchAnswerAsync(Guid sessionId, int questionNumber, Guid answerId, PatchAnswerBody body, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        await service.PatchAnswerAsync(sessionId, Bearer.From(request), questionNumber, answerId, body.Text, body.Hidden, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TieResponse>> SettleTieAsync(Guid sessionId, int questionNumber, TieBody body, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        var key = Bearer.From(request);
        if (body.Winners is { Count: > 0 } winners && body.Runoff is null)
        {
            await service.ChooseTieWinnersAsync(sessionId, key, questionNumber, winners, ct);
            return TypedResults.Ok(new TieResponse(true, "The tie is settled by the facilitator's choice."));
        }
        if (body.Runoff == true && body.Winners is null)
        {
            await service.StartRunoffAsync(sessionId, key, questionNumber, ct);
            return TypedResults.Ok(new TieResponse(false, "A runoff among the tied answers is open; every participant has one dot."));
        }
        if (body.Runoff == false && body.Winners is null)
        {
            var settled = await service.CloseRunoffAsync(sessionId, key, questionNumber, ct);
            return TypedResults.Ok(new TieResponse(settled, settled
                ? "The runoff settled the tie."
                : "The runoff tied again; choose the winners with {\"winners\": [...]}."));
        }
        throw SessionRuleException.Invalid("Send {\"winners\": [answerId, ...]} to choose, {\"runoff\": true} to open a runoff or {\"runoff\": false} to close it.");
    }

    private static async Task<NoContent> GoToAsync(Guid sessionId, CurrentBody body, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        if (body.Question is not { } position)
        {
            throw SessionRuleException.Invalid("\"question\" is the number to show: 0 for the lobby, N+1 for the wrap-up.");
        }
        await service.GoToAsync(sessionId, Bearer.From(request), position, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RevealAsync(Guid sessionId, int questionNumber, RevealBody body, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        if (body.Answers is null && body.Counts is null)
        {
            throw SessionRuleException.Invalid("Say what to reveal: {\"answers\": true} and/or {\"counts\": true}.");
        }
        await service.RevealAsync(sessionId, Bearer.From(request), questionNumber, body.Answers, body.Counts, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UpdateSettingsAsync(Guid sessionId, SettingsBody body, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        await service.UpdateSettingsAsync(sessionId, Bearer.From(request), new SettingsChange(
            body.DotsPerParticipant, body.MaxDotsPerAnswer, body.LiveCounts, body.SilentWriting, body.AskOrganisation, body.CloseJoiningWhenVoting), ct);
        return TypedResults.NoContent();
    }

    private static async Task<FileContentHttpResult> ReportAsync(Guid sessionId, string format, bool? answers, HttpRequest request, ReportService reports, CancellationToken ct)
    {
        var file = await reports.RenderAsync(sessionId, Bearer.From(request), format, answers == true, ct);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    private static async Task<NoContent> StartTimerAsync(Guid sessionId, int questionNumber, TimerBody body, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        if (body.Minutes is not { } minutes)
        {
            throw SessionRuleException.Invalid("Send {\"minutes\": 5} (and \"advance\": true to move to the next phase at zero).");
        }
        await service.StartTimerAsync(sessionId, Bearer.From(request), questionNumber, minutes, body.Advance == true, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> StopTimerAsync(Guid sessionId, int questionNumber, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        await service.StopTimerAsync(sessionId, Bearer.From(request), questionNumber, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<CreatedSessionResponse>> DuplicateAsync(Guid sessionId, HttpRequest request, SessionCatalog catalog, CancellationToken ct) =>
        CreatedSession(request, await catalog.DuplicateAsync(sessionId, Bearer.From(request), ct));

    private static async Task<Created<TemplateChoice>> SaveTemplateAsync(Guid sessionId, TemplateBody body, HttpRequest request, TemplateService templates, CancellationToken ct) =>
        TypedResults.Created("/api/templates", await templates.SaveFromSessionAsync(sessionId, Bearer.From(request), body.Name, ct));

    private static async Task<NoContent> SetJoiningAsync(Guid sessionId, JoiningBody body, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        if (body.Locked is not { } locked)
        {
            throw SessionRuleException.Invalid("Send {\"locked\": true} to close the session to new participants, false to open it.");
        }
        await service.SetJoiningLockedAsync(sessionId, Bearer.From(request), locked, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> TurnBoardPageAsync(Guid sessionId, BoardPageBody body, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        await service.TurnBoardPageAsync(sessionId, Bearer.From(request), body.By ?? 0, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RemoveParticipantAsync(Guid sessionId, Guid participantId, HttpRequest request, FacilitatorService service, CancellationToken ct)
    {
        await service.RemoveParticipantAsync(sessionId, Bearer.From(request), participantId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> DeleteSessionAsync(Guid sessionId, HttpRequest request, SessionCatalog catalog, CancellationToken ct)
    {
        await catalog.DeleteAsync(sessionId, Bearer.From(request), ct);
        return TypedResults.NoContent();
    }
}
