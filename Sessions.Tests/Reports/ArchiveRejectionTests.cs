using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sessions.Core.Domain;
using Sessions.Core.Reports;
using Sessions.Core.Services;

namespace Sessions.Tests.Reports;

/// <summary>The suggestions a facilitator refused travel in the JSON archive, so an imported session does not suggest them again.</summary>
public sealed class ArchiveRejectionTests : ReportsTestBase
{
    private sealed record Room(CreatedSession Session, Guid Werkdruk1, Guid Werkdruk2, Guid Werkdruk3, Guid Koffie1, Guid Koffie2);

    private async Task<Room> ArrangeAsync()
    {
        var session = await Catalog.CreateAsync(new CreateSessionRequest("Werkoverleg", Language: "nl", Questions: ["Wat maakt het werk zwaar?"]));
        async Task<Guid> Add(string text) => await Facilitator.AddAnswerAsync(session.SessionId, session.FacilitatorKey, 1, text);
        var room = new Room(session, await Add("De werkdruk is te hoog"), await Add("Veel te hoge werkdruk"), await Add("Werkdruk!!"),
            await Add("Gratis koffie in de kantine"), await Add("Gratis koffie graag"));
        // One group refused whole, one answer moved out of another.
        await Suggestions.RejectAsync(session.SessionId, session.FacilitatorKey, 1, [room.Koffie1, room.Koffie2]);
        await Suggestions.RejectAsync(session.SessionId, session.FacilitatorKey, 1, [room.Werkdruk1, room.Werkdruk2, room.Werkdruk3], room.Werkdruk3);
        return room;
    }

    [Fact]
    public async Task The_archive_holds_each_refusal_by_its_answers_refs()
    {
        var room = await ArrangeAsync();

        var archive = JsonDocument.Parse(await RenderAsync(room.Session, "json")).RootElement;

        var rejections = archive.GetProperty("questions")[0].GetProperty("rejections").EnumerateArray().ToList();
        Assert.Equal(2, rejections.Count);
        Assert.Equal(["q1.a4", "q1.a5"], rejections[0].GetProperty("answers").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(JsonValueKind.Null, rejections[0].GetProperty("separated").ValueKind);
        Assert.Equal(["q1.a1", "q1.a2"], rejections[1].GetProperty("answers").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("q1.a3", rejections[1].GetProperty("separated").GetString());
    }

    [Fact]
    public async Task An_imported_session_does_not_suggest_what_was_refused_and_exports_the_same_document()
    {
        var room = await ArrangeAsync();
        var before = (await Suggestions.SuggestAsync(room.Session.SessionId, room.Session.FacilitatorKey, 1)).Groups;
        var first = await RenderAsync(room.Session, "json");

        var imported = await Importer.ImportAsync(new MemoryStream(first));

        var after = (await Suggestions.SuggestAsync(imported.SessionId, imported.FacilitatorKey, 1)).Groups;
        var texts = (await Reader.GetAsync(imported.SessionId)).Questions[0].Answers.ToDictionary(a => a.Id, a => a.Text);
        // As before the export: only the two werkdruk answers that stayed together are suggested.
        var group = Assert.Single(after);
        Assert.Equal(["De werkdruk is te hoog", "Veel te hoge werkdruk"], group.AnswerIds.Select(id => texts[id]));
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(await RenderAsync(imported, "json")));
    }

    [Fact]
    public async Task An_archive_without_refusals_still_imports()
    {
        var room = await ArrangeAsync();
        var archive = JsonNode.Parse(await RenderAsync(room.Session, "json"))!;
        archive["questions"]![0]!.AsObject().Remove("rejections");

        var imported = await Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(archive.ToJsonString())));

        // Nothing refused: the coffee answers are suggested again.
        Assert.Equal(2, (await Suggestions.SuggestAsync(imported.SessionId, imported.FacilitatorKey, 1)).Groups.Count);
    }

    [Theory]
    [InlineData("""{"answers":["q1.a1","q1.a9"],"separated":null}""", "does not contain")]
    [InlineData("""{"answers":["q1.a1"],"separated":null}""", "needs two answers")]
    [InlineData("""{"answers":["q1.a1","q1.a2"],"separated":"q1.a2"}""", "needs two answers")]
    [InlineData("""{"answers":["q1.a1","q1.a1"],"separated":null}""", "one twice")]
    [InlineData("""{"answers":null,"separated":null}""", "names no answers")]
    [InlineData("""{"answers":["q1.a1"],"separated":"q1.a9"}""", "does not contain")]
    public async Task A_refusal_that_names_no_real_group_is_refused_and_nothing_is_imported(string rejection, string message)
    {
        var room = await ArrangeAsync();
        var archive = JsonNode.Parse(await RenderAsync(room.Session, "json"))!;
        archive["questions"]![0]!["rejections"] = new JsonArray(JsonNode.Parse(rejection));
        var sessions = await SessionCountAsync();

        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(archive.ToJsonString()))));

        Assert.Equal(SessionError.Invalid, refused.Error);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(sessions, await SessionCountAsync());
    }
}
