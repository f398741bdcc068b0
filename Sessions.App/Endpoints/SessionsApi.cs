using Sessions.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Sessions.App.Security;
using Sessions.Core.Reports;
using Sessions.Core.Services;

namespace Sessions.App.Endpoints;

/// <summary>The HTTP contract of product.md. Every endpoint calls the same services as the pages.</summary>
public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .AddEndpointFilter(GuardJoinCodes);

        api.MapPost("/", async (CreateSessionBody body, SessionCatalog catalog, HttpRequest request, CancellationToken ct) =>
        {
            var created = await catalog.CreateAsync(new CreateSessionRequest(body.Title, body.Date, body.Language, body.Template, body.Intro,
                body.Questions, body.DotsPerParticipant, body.MaxDotsPerAnswer, body.LiveCounts, body.SilentWriting, body.AskOrganisation, body.ClosingText,
                body.CloseJoiningWhenVoting), ct);
            var links = SessionLinks.For(request, created);
            return Results.Created($"/api/sessions/{created.JoinCode}",
                new CreatedSessionResponse(created.SessionId, created.JoinCode, created.FacilitatorKey, links.Join, links.Board, links.Facilitator));
        }).AddEndpointFilter(AddressLimits.Filter(AddressLimits.Create));

        // The archive is read from the raw body (a body parameter would read it whole before the size check could
        // name the limit), so the content type is checked here: a wrong one costs no share of the create budget.
        api.MapPost("/import", async (HttpRequest request, SessionImporter importer, CancellationToken ct) =>
        {
            var created = await importer.ImportAsync(request.Body, ct);
            var links = SessionLinks.For(request, created);
            return Results.Created($"/api/sessions/{created.JoinCode}",
                new CreatedSessionResponse(created.SessionId, created.JoinCode, created.FacilitatorKey, links.Join, links.Board, links.Facilitator));
        }).AddEndpointFilter((context, next) => context.HttpContext.Request.HasJsonContentType()
                ? next(context)
                : ValueTask.FromResult<object?>(ApiFallback.UnsupportedMediaType(context.HttpContext.Request)))
          .AddEndpointFilter(AddressLimits.Filter(AddressLimits.Create))
          .WithMetadata(new RequestSizeLimitAttribute(SessionImporter.MaxArchiveBytes));

        api.MapGet("/{joinCode}", async (string joinCode, SessionReader reader, CancellationToken ct) =>
            Results.Ok(PublicStateBuilder.Build(await reader.GetByJoinCodeAsync(joinCode, ct))));

        // A browser that sends the token it holds (Authorization: Bearer) is the participant it was: 200, not a second one.
        api.MapPost("/{joinCode}/participants", async (string joinCode, JoinBody body, HttpRequest request, ParticipantService participants, CancellationToken ct) =>
        {
            var joined = await participants.JoinAsync(joinCode, new JoinRequest(body.Name, body.Organisation, body.MayBeNamed, Bearer.From(request)), ct);
            var response = new JoinResponse(joined.ParticipantId, joined.ParticipantToken);
            return joined.Rejoined ? Results.Ok(response) : Results.Created((string?)null, response);
        }).AddEndpointFilter(AddressLimits.JoinFilter());

        api.MapPut("/{joinCode}/participants/me", async (string joinCode, ConsentBody body, HttpRequest request, ParticipantService participants, CancellationToken ct) =>
        {
            if (body.MayBeNamed is not { } mayBeNamed)
            {
                throw SessionRuleException.Invalid("Send {\"mayBeNamed\": true} or {\"mayBeNamed\": false}.");
            }
            await participants.SetConsentAsync(joinCode, Bearer.From(request), mayBeNamed, ct);
            return Results.NoContent();
        });

        api.MapPost("/{joinCode}/questions/{questionNumber:int}/answers", async (string joinCode, int questionNumber, AnswerBody body, HttpRequest request, ParticipantService participants, CancellationToken ct) =>
        {
            var id = await participants.SubmitAnswerAsync(joinCode, questionNumber, Bearer.From(request), body.Text, body.ClientRequestId, ct);
            return Results.Created((string?)null, new AnswerCreatedResponse(id));
        });

        api.MapPut("/{joinCode}/questions/{questionNumber:int}/answers/{answerId:guid}", async (string joinCode, int questionNumber, Guid answerId, AnswerBody body, HttpRequest request, ParticipantService participants, CancellationToken ct) =>
        {
            await participants.EditAnswerAsync(joinCode, questionNumber, Bearer.From(request), answerId, body.Text, ct);
            return Results.NoContent();
        });

        api.MapDelete("/{joinCode}/questions/{questionNumber:int}/answers/{answerId:guid}", async (string joinCode, int questionNumber, Guid answerId, HttpRequest request, ParticipantService participants, CancellationToken ct) =>
        {
            await participants.WithdrawAnswerAsync(joinCode, questionNumber, Bearer.From(request), answerId, ct);
            return Results.NoContent();
        });

        api.MapPut("/{joinCode}/questions/{questionNumber:int}/ballot", async (string joinCode, int questionNumber, BallotBody body, HttpRequest request, ParticipantService participants, CancellationToken ct) =>
        {
            var accepted = await participants.PutBallotAsync(joinCode, questionNumber, Bearer.From(request), body.Dots, body.Revision, ct);
            return Results.Ok(new BallotResponse(accepted));
        });

        MapFacilitator(api);
        api.MapSuggestions();

        // Saved templates are listed and deleted only with the facilitator key of the session they were saved from.
        app.MapGet("/api/templates", async (HttpRequest request, TemplateService templates, CancellationToken ct) =>
            Results.Ok(await templates.ListAsync(Bearer.From(request) is { } key ? [key] : [], ct)));
        app.MapDelete("/api/templates/{templateKey}", async (string templateKey, HttpRequest request, TemplateService templates, CancellationToken ct) =>
        {
            await templates.DeleteAsync(templateKey, Bearer.From(request) is { } key ? [key] : [], ct);
            return Results.NoContent();
        });

        api.MapFallback(ApiFallback.Answer);
        return app;
    }

    /// <summary>A body larger than this is refused with 413 before it is read (an import may be larger).</summary>
    public const int MaxBodyBytes = 64 * 1024;

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

    private static void MapFacilitator(RouteGroupBuilder api)
    {
        var facilitator = api.MapGroup("/{sessionId:guid}");

        facilitator.MapPost("/questions/{questionNumber:int}/phase", async (Guid sessionId, int questionNumber, PhaseBody body, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            if (!PhaseRules.TryParse(body.Phase, out var phase))
            {
                throw SessionRuleException.Invalid("\"phase\" must be one of collect, converge, vote, result.");
            }
            await service.SetPhaseAsync(sessionId, Bearer.From(request), questionNumber, phase, ct);
            return Results.NoContent();
        });

        facilitator.MapPost("/questions/{questionNumber:int}/answers/{answerId:guid}/merge", async (Guid sessionId, int questionNumber, Guid answerId, MergeBody body, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            if (body.Into is not { } into)
            {
                throw SessionRuleException.Invalid("\"into\" must be the id of the answer that absorbs this one.");
            }
            await service.MergeAsync(sessionId, Bearer.From(request), questionNumber, answerId, into, body.Text, ct);
            return Results.NoContent();
        });

        facilitator.MapPost("/questions/{questionNumber:int}/answers/{answerId:guid}/unmerge", async (Guid sessionId, int questionNumber, Guid answerId, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            await service.UnmergeAsync(sessionId, Bearer.From(request), questionNumber, answerId, ct);
            return Results.NoContent();
        });

        facilitator.MapPatch("/questions/{questionNumber:int}/answers/{answerId:guid}", async (Guid sessionId, int questionNumber, Guid answerId, PatchAnswerBody body, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            await service.PatchAnswerAsync(sessionId, Bearer.From(request), questionNumber, answerId, body.Text, body.Hidden, ct);
            return Results.NoContent();
        });

        facilitator.MapPost("/questions/{questionNumber:int}/tie", async (Guid sessionId, int questionNumber, TieBody body, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            var key = Bearer.From(request);
            if (body.Winners is { Count: > 0 } winners && body.Runoff is null)
            {
                await service.ChooseTieWinnersAsync(sessionId, key, questionNumber, winners, ct);
                return Results.Ok(new TieResponse(true, "The tie is settled by the facilitator's choice."));
            }
            if (body.Runoff == true && body.Winners is null)
            {
                await service.StartRunoffAsync(sessionId, key, questionNumber, ct);
                return Results.Ok(new TieResponse(false, "A runoff among the tied answers is open; every participant has one dot."));
            }
            if (body.Runoff == false && body.Winners is null)
            {
                var settled = await service.CloseRunoffAsync(sessionId, key, questionNumber, ct);
                return Results.Ok(new TieResponse(settled, settled
                    ? "The runoff settled the tie."
                    : "The runoff tied again; choose the winners with {\"winners\": [...]}."));
            }
            throw SessionRuleException.Invalid("Send {\"winners\": [answerId, ...]} to choose, {\"runoff\": true} to open a runoff or {\"runoff\": false} to close it.");
        });

        facilitator.MapPost("/current", async (Guid sessionId, CurrentBody body, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            if (body.Question is not { } position)
            {
                throw SessionRuleException.Invalid("\"question\" is the number to show: 0 for the lobby, N+1 for the wrap-up.");
            }
            await service.GoToAsync(sessionId, Bearer.From(request), position, ct);
            return Results.NoContent();
        });

        facilitator.MapPost("/questions/{questionNumber:int}/reveal", async (Guid sessionId, int questionNumber, RevealBody body, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            var key = Bearer.From(request);
            if (body.Answers is null && body.Counts is null)
            {
                throw SessionRuleException.Invalid("Say what to reveal: {\"answers\": true} and/or {\"counts\": true}.");
            }
            if (body.Answers is { } answers)
            {
                await service.RevealAnswersAsync(sessionId, key, questionNumber, answers, ct);
            }
            if (body.Counts is { } counts)
            {
                await service.RevealCountsAsync(sessionId, key, questionNumber, counts, ct);
            }
            return Results.NoContent();
        });

        facilitator.MapPut("/settings", async (Guid sessionId, SettingsBody body, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            await service.UpdateSettingsAsync(sessionId, Bearer.From(request), new SettingsChange(
                body.DotsPerParticipant, body.MaxDotsPerAnswer, body.LiveCounts, body.SilentWriting, body.AskOrganisation, body.CloseJoiningWhenVoting), ct);
            return Results.NoContent();
        });

        facilitator.MapGet("/report.{format}", async (Guid sessionId, string format, bool? answers, HttpRequest request, ReportService reports, CancellationToken ct) =>
        {
            var file = await reports.RenderAsync(sessionId, Bearer.From(request), format, answers == true, ct);
            return Results.File(file.Content, file.ContentType, file.FileName);
        });

        facilitator.MapPost("/questions/{questionNumber:int}/timer", async (Guid sessionId, int questionNumber, TimerBody body, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            if (body.Minutes is not { } minutes)
            {
                throw SessionRuleException.Invalid("Send {\"minutes\": 5} (and \"advance\": true to move to the next phase at zero).");
            }
            await service.StartTimerAsync(sessionId, Bearer.From(request), questionNumber, minutes, body.Advance == true, ct);
            return Results.NoContent();
        });

        facilitator.MapDelete("/questions/{questionNumber:int}/timer", async (Guid sessionId, int questionNumber, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            await service.StopTimerAsync(sessionId, Bearer.From(request), questionNumber, ct);
            return Results.NoContent();
        });

        facilitator.MapPost("/duplicate", async (Guid sessionId, HttpRequest request, SessionCatalog catalog, CancellationToken ct) =>
        {
            var copy = await catalog.DuplicateAsync(sessionId, Bearer.From(request), ct);
            var links = SessionLinks.For(request, copy);
            return Results.Created($"/api/sessions/{copy.JoinCode}",
                new CreatedSessionResponse(copy.SessionId, copy.JoinCode, copy.FacilitatorKey, links.Join, links.Board, links.Facilitator));
        }).AddEndpointFilter(AddressLimits.Filter(AddressLimits.Create));

        facilitator.MapPost("/template", async (Guid sessionId, TemplateBody body, HttpRequest request, TemplateService templates, CancellationToken ct) =>
            Results.Created("/api/templates", await templates.SaveFromSessionAsync(sessionId, Bearer.From(request), body.Name, ct)));

        facilitator.MapPost("/joining", async (Guid sessionId, JoiningBody body, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            if (body.Locked is not { } locked)
            {
                throw SessionRuleException.Invalid("Send {\"locked\": true} to close the session to new participants, false to open it.");
            }
            await service.SetJoiningLockedAsync(sessionId, Bearer.From(request), locked, ct);
            return Results.NoContent();
        });

        facilitator.MapPost("/board/page", async (Guid sessionId, BoardPageBody body, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            await service.TurnBoardPageAsync(sessionId, Bearer.From(request), body.By ?? 0, ct);
            return Results.NoContent();
        });

        facilitator.MapDelete("/participants/{participantId:guid}", async (Guid sessionId, Guid participantId, HttpRequest request, FacilitatorService service, CancellationToken ct) =>
        {
            await service.RemoveParticipantAsync(sessionId, Bearer.From(request), participantId, ct);
            return Results.NoContent();
        });

        facilitator.MapDelete("/", async (Guid sessionId, HttpRequest request, SessionCatalog catalog, CancellationToken ct) =>
        {
            await catalog.DeleteAsync(sessionId, Bearer.From(request), ct);
            return Results.NoContent();
        });
    }
}
