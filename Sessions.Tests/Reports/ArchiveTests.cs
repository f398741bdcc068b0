using System.Text;
using System.Text.Json;
using Sessions.Core.Domain;
using Sessions.Core.Reports;
using Sessions.Core.Services;

namespace Sessions.Tests.Reports;

public sealed class ArchiveTests : ReportsTestBase
{
    private static JsonElement Parse(byte[] json) => JsonDocument.Parse(json).RootElement.Clone();

    private async Task<SessionRuleException> AssertRefusedAsync(Func<Task> import)
    {
        var before = await SessionCountAsync();
        var refused = await Assert.ThrowsAsync<SessionRuleException>(import);
        Assert.Equal(SessionError.Invalid, refused.Error);
        Assert.Equal(before, await SessionCountAsync());
        return refused;
    }

    [Fact]
    public async Task Archive_exported_imported_and_exported_again_is_the_same_document_byte_for_byte()
    {
        var session = await NewWorkshop().RunFullSessionAsync();
        var first = await RenderAsync(session, "json");

        var imported = await Importer.ImportAsync(new MemoryStream(first));
        var second = await RenderAsync(imported, "json");

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Imported_session_is_a_new_session_with_its_own_join_code_and_key()
    {
        var session = await NewWorkshop().RunFullSessionAsync();
        var archive = await RenderAsync(session, "json");

        var imported = await Importer.ImportAsync(new MemoryStream(archive));

        Assert.NotEqual(session.SessionId, imported.SessionId);
        Assert.NotEqual(session.JoinCode, imported.JoinCode);
        Assert.NotEqual(session.FacilitatorKey, imported.FacilitatorKey);
        Assert.Equal(2, await SessionCountAsync());
        // The old key does not open the new session.
        var wrongKey = await Assert.ThrowsAsync<SessionRuleException>(() => Reports.RenderAsync(imported.SessionId, session.FacilitatorKey, "md"));
        Assert.Equal(SessionError.Forbidden, wrongKey.Error);
    }

    [Fact]
    public async Task Imported_session_reports_the_same_outcome_as_the_original()
    {
        var session = await NewWorkshop().RunFullSessionAsync();
        var imported = await Importer.ImportAsync(new MemoryStream(await RenderAsync(session, "json")));

        Assert.Equal(await RenderTextAsync(session, "md", includeAllAnswers: true), await RenderTextAsync(imported, "md", includeAllAnswers: true));
        Assert.Equal(await RenderTextAsync(session, "csv"), await RenderTextAsync(imported, "csv"));
    }

    [Fact]
    public async Task Archive_holds_the_merge_the_hidden_answer_the_ballots_and_the_chosen_tie_winners()
    {
        var session = await NewWorkshop().RunFullSessionAsync();

        var archive = Parse(await RenderAsync(session, "json"));

        Assert.Equal(SessionArchive.FormatName, archive.GetProperty("format").GetString());
        Assert.Equal(1, archive.GetProperty("formatVersion").GetInt32());
        Assert.Equal("2022-11-25", archive.GetProperty("date").GetString());
        Assert.Equal("nl", archive.GetProperty("language").GetString());
        var q1 = archive.GetProperty("questions")[0];
        Assert.Equal("result", q1.GetProperty("phase").GetString());
        Assert.Equal("choice", q1.GetProperty("tieSettledBy").GetString());
        var answers = q1.GetProperty("answers").EnumerateArray().ToDictionary(a => a.GetProperty("originalText").GetString()!);
        Assert.Equal("q1.a1", answers["tijd met elkaar"].GetProperty("mergedInto").GetString());
        Assert.Equal("Meer tijd met elkaar", answers["Meer tijd voor elkaar"].GetProperty("text").GetString());
        Assert.True(answers["Koop nu goedkope horloges"].GetProperty("hidden").GetBoolean());
        Assert.Equal(["q1.a3", "q1.a6"], q1.GetProperty("tieWinners").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(3, q1.GetProperty("ballots").GetArrayLength());
        Assert.Equal(["p1", "p2", "p3"], q1.GetProperty("ballots").EnumerateArray().Select(b => b.GetProperty("participant").GetString()));
    }

    [Fact]
    public async Task Archive_keeps_no_name_or_organisation_of_a_participant_who_did_not_consent()
    {
        var session = await NewWorkshop().RunFullSessionAsync();

        var participants = Parse(await RenderAsync(session, "json")).GetProperty("participants").EnumerateArray().ToList();

        Assert.Equal(3, participants.Count);
        var zora = participants[1];
        Assert.Equal("p2", zora.GetProperty("ref").GetString());
        Assert.Equal(JsonValueKind.Null, zora.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Null, zora.GetProperty("organisation").ValueKind);
        Assert.False(zora.GetProperty("mayBeNamed").GetBoolean());
        Assert.Equal("Willem de Vries", participants[0].GetProperty("name").GetString());
        Assert.Equal("Gemeente Utrecht", participants[0].GetProperty("organisation").GetString());
    }

    [Theory]
    [InlineData("dit is geen json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"format\":\"sessions.archive\",\"formatVersion\":1")]
    public async Task Import_refuses_garbage_and_creates_no_session(string body)
    {
        await AssertRefusedAsync(() => Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(body))));
    }

    [Fact]
    public async Task Import_refuses_an_archive_of_another_format_and_creates_no_session()
    {
        var session = await NewWorkshop().RunFullSessionAsync();
        var archive = JsonSerializer.Deserialize<SessionArchive>(await RenderAsync(session, "json"), SessionArchiveWriter.JsonOptions)!;

        var refused = await AssertRefusedAsync(() => Importer.ImportAsync(archive with { Format = "other" }));

        Assert.Contains(SessionArchive.FormatName, refused.Message);
        Assert.Equal(1, await SessionCountAsync());
    }

    [Fact]
    public async Task Import_refuses_a_ballot_on_an_answer_the_archive_does_not_contain_and_creates_no_session()
    {
        var session = await NewWorkshop().RunFullSessionAsync();
        var archive = JsonSerializer.Deserialize<SessionArchive>(await RenderAsync(session, "json"), SessionArchiveWriter.JsonOptions)!;
        var q1 = archive.Questions[0];
        var bad = q1.Ballots[0] with { Dots = new Dictionary<string, int> { ["q1.a99"] = 1 } };
        var broken = archive with { Questions = [q1 with { Ballots = [bad, .. q1.Ballots.Skip(1)] }, .. archive.Questions.Skip(1)] };

        var refused = await AssertRefusedAsync(() => Importer.ImportAsync(broken));

        Assert.Contains("q1.a99", refused.Message);
    }

    [Fact]
    public async Task Import_refuses_a_ballot_on_an_unknown_answer_sent_as_json_text()
    {
        var session = await NewWorkshop().RunFullSessionAsync();
        var json = Encoding.UTF8.GetString(await RenderAsync(session, "json"));
        var broken = json.Replace("\"q2.a1\": 1", "\"q2.a9\": 1", StringComparison.Ordinal);
        Assert.NotEqual(json, broken);

        await AssertRefusedAsync(() => Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(broken))));
    }
}
