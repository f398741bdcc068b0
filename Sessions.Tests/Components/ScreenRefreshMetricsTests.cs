using System.Diagnostics.Metrics;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Sessions.App.Components.Pages.Board;
using Sessions.Core.Metrics;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>A screen that renders a change records how long the change took to reach it (sessions.screen.refresh.lag).</summary>
public sealed class ScreenRefreshMetricsTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly BunitContext _ctx = new();
    private readonly List<double> _lags = [];
    private readonly MeterListener _listener = new();

    public async Task InitializeAsync()
    {
        await _ctx.UseSessionsAsync(_database, interactive: false);
        // Only this test's meter: other tests of the process have meters of the same name.
        var factory = _ctx.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "sessions.screen.refresh.lag")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (_lags)
            {
                _lags.Add(value);
            }
        });
        _listener.Start();
        _ctx.Services.GetRequiredService<SessionsMetrics>();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _ctx.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task The_board_records_the_lag_of_the_change_it_renders()
    {
        var catalog = _ctx.Services.GetRequiredService<SessionCatalog>();
        var participants = _ctx.Services.GetRequiredService<ParticipantService>();
        var session = await catalog.CreateAsync(new CreateSessionRequest("Lag", Questions: ["What?"], Language: "en"));
        var token = (await participants.JoinAsync(session.JoinCode, new JoinRequest("Ann", null, false))).ParticipantToken;
        await _ctx.Services.GetRequiredService<FacilitatorService>().GoToAsync(session.SessionId, session.FacilitatorKey, 1);
        var board = _ctx.Render<BoardPage>(p => p.Add(x => x.JoinCode, session.JoinCode));
        board.WaitForAssertion(() => Assert.Equal("collect", board.Find("[data-testid=board-phase]").GetAttribute("data-phase")));
        int before;
        lock (_lags)
        {
            before = _lags.Count;
        }

        await participants.SubmitAnswerAsync(session.JoinCode, 1, token, "Shorter meetings", "a");

        board.WaitForAssertion(() => Assert.Single(board.FindAll("[data-testid=board-answer]")));
        board.WaitForAssertion(() =>
        {
            lock (_lags)
            {
                Assert.True(_lags.Count > before, "no lag was recorded for the rendered change");
                Assert.All(_lags.Skip(before), lag => Assert.InRange(lag, 0, 30));
            }
        });
    }
}
