using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;

namespace Sessions.Tests.Integration;

/// <summary>
/// The app's own figures on /metrics (Prometheus text): what a room did is counted, refusals by their reason, and
/// the writer's commits with their size and time.
/// </summary>
public partial class MetricsTests : ApiTestBase
{
    [Fact]
    public async Task After_a_ballot_metrics_show_the_room_s_answers_ballots_refusals_commits_and_reports()
    {
        var session = await CreateSessionAsync();
        var ann = await JoinAsync(session, "Ann");
        var answer = await AnswerAsync(session, ann, "More light");
        using (var tooEarly = await PutBallotAsync(session, ann, new() { [answer] = 1 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        }
        await MoveToVoteAsync(session);
        using (var lateAnswer = await SendAsync(HttpMethod.Post, $"/api/sessions/{session.JoinCode}/questions/1/answers", new { text = "Too late", clientRequestId = "late" }, ann.ParticipantToken))
        {
            Assert.Equal(HttpStatusCode.Conflict, lateAnswer.StatusCode);
        }
        using (var ballot = await PutBallotAsync(session, ann, new() { [answer] = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, ballot.StatusCode);
        }
        using (var overBudget = await PutBallotAsync(session, ann, new() { [answer] = 5 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, overBudget.StatusCode);
        }
        using (var report = await SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}/report.md", bearer: session.FacilitatorKey))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        }

        var metrics = await ScrapeAsync();

        Assert.True(Value(metrics, "sessions_answers_accepted_total") >= 1, metrics);
        Assert.True(Value(metrics, "sessions_answers_refused_total", "reason=\"conflict\"") >= 1, metrics);
        Assert.True(Value(metrics, "sessions_ballots_accepted_total") >= 1, metrics);
        Assert.True(Value(metrics, "sessions_ballots_refused_total", "reason=\"conflict\"") >= 1, metrics);
        Assert.True(Value(metrics, "sessions_ballots_refused_total", "reason=\"invalid\"") >= 1, metrics);
        // Join, answer, two phases and a ballot go through the writer (creating a session does not; refusals roll back):
        // at least five commits, each a batch of one or more commands. Other app hosts of this test process may add to the figures.
        Assert.True(Value(metrics, "sessions_write_batch_size_count") >= 5, metrics);
        Assert.True(Value(metrics, "sessions_write_batch_size_sum") >= Value(metrics, "sessions_write_batch_size_count"), metrics);
        Assert.True(Value(metrics, "sessions_write_commit_duration_seconds_count") >= 5, metrics);
        Assert.True(Value(metrics, "sessions_write_commit_duration_seconds_sum") > 0, metrics);
        Assert.True(Value(metrics, "sessions_report_render_duration_seconds_count", "format=\"md\"") >= 1, metrics);
        Assert.Contains("# TYPE sessions_active gauge", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE sessions_participants_online gauge", metrics, StringComparison.Ordinal);
        // ASP.NET Core's own meters come along.
        Assert.True(Value(metrics, "http_server_request_duration_seconds_count") >= 1, metrics);
    }

    private async Task<string> ScrapeAsync()
    {
        var context = await Factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = IPAddress.Loopback;
        });
        Assert.Equal(200, context.Response.StatusCode);
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }

    /// <summary>The sum of a metric's samples whose labels include <paramref name="label"/> (all samples when null).</summary>
    private static double Value(string metrics, string name, string? label = null)
    {
        var total = 0.0;
        var found = false;
        foreach (Match sample in Sample().Matches(metrics))
        {
            if (sample.Groups["name"].Value == name && (label is null || sample.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            {
                total += double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
                found = true;
            }
        }
        Assert.True(found, $"no {name}{(label is null ? "" : "{" + label + "}")} in:\n{metrics}");
        return total;
    }

    [GeneratedRegex(@"^(?<name>[a-z_:][a-z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|\+Inf)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
