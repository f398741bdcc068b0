using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Data;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Integration;

/// <summary>What the app acknowledged is still there after it restarts on the same database.</summary>
public class RestartTests
{
    /// <summary>The PostgreSQL variant (OnPostgres.cs) overrides this.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [Fact]
    public async Task Two_servers_starting_at_once_on_a_new_database_both_come_up_and_share_it()
    {
        using var database = new TestDatabase(Provider);
        await using var first = new ServiceCollection().AddTestCore(database).BuildServiceProvider();
        await using var second = new ServiceCollection().AddTestCore(database).BuildServiceProvider();

        await Task.WhenAll(first.MigrateSessionsDatabaseAsync(), second.MigrateSessionsDatabaseAsync());

        var created = await first.GetRequiredService<SessionCatalog>().CreateAsync(new CreateSessionRequest("Both", Questions: ["Q?"]));
        var seen = await second.GetRequiredService<SessionReader>().GetByJoinCodeAsync(created.JoinCode);
        Assert.Equal("Both", seen.Title);
        Assert.True(database.Exists());
    }

    [Fact]
    public async Task A_restart_mid_session_keeps_every_acknowledged_answer_and_dot()
    {
        using var database = new TestDatabase(Provider);
        string joinCode;
        string answerId;
        using (var first = new SessionsAppFactory(sharedDatabase: database.ConnectionString))
        {
            var http = first.CreateClient();
            var created = await (await http.PostAsJsonAsync("/api/sessions", new { title = "Restart", questions = new[] { "Q?" } })).Content.ReadFromJsonAsync<JsonElement>();
            joinCode = created.GetProperty("joinCode").GetString()!;
            var key = created.GetProperty("facilitatorKey").GetString()!;
            var sessionId = created.GetProperty("sessionId").GetString()!;
            var joined = await (await http.PostAsJsonAsync($"/api/sessions/{joinCode}/participants", new { name = "Ann", mayBeNamed = true })).Content.ReadFromJsonAsync<JsonElement>();
            var token = joined.GetProperty("participantToken").GetString()!;

            using var answer = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{joinCode}/questions/1/answers") { Content = JsonContent.Create(new { text = "Keep me", clientRequestId = "c1" }) };
            answer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var answerResponse = await http.SendAsync(answer);
            Assert.Equal(System.Net.HttpStatusCode.Created, answerResponse.StatusCode);
            answerId = (await answerResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answerId").GetString()!;

            foreach (var phase in new[] { "converge", "vote" })
            {
                using var move = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/questions/1/phase") { Content = JsonContent.Create(new { phase }) };
                move.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                Assert.True((await http.SendAsync(move)).IsSuccessStatusCode);
            }
            using var ballot = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{joinCode}/questions/1/ballot") { Content = JsonContent.Create(new { dots = new Dictionary<string, int> { [answerId] = 1 } }) };
            ballot.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.True((await http.SendAsync(ballot)).IsSuccessStatusCode);
        }

        using var second = new SessionsAppFactory(sharedDatabase: database.ConnectionString);
        var state = await second.CreateClient().GetFromJsonAsync<JsonElement>($"/api/sessions/{joinCode}");

        var question = state.GetProperty("questions")[0];
        Assert.Equal("vote", question.GetProperty("phase").GetString());
        var stored = Assert.Single(question.GetProperty("answers").EnumerateArray());
        Assert.Equal(answerId, stored.GetProperty("answerId").GetString());
        Assert.Equal("Keep me", stored.GetProperty("text").GetString());
        Assert.Equal(1, stored.GetProperty("dots").GetInt32());
    }
}
