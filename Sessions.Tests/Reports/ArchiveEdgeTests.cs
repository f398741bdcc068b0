using System.Text;
using System.Text.Json;
using Sessions.Core.Domain;
using Sessions.Core.Reports;

namespace Sessions.Tests.Reports;

public sealed class ArchiveEdgeTests : ReportsTestBase
{
    private const string Head = "{\"format\":\"sessions.archive\",\"formatVersion\":1,\"title\":\"Oud\",\"language\":\"nl\","
        + "\"settings\":{\"dotsPerParticipant\":3,\"maxDotsPerAnswer\":1,\"liveCounts\":true,\"silentWriting\":false,\"askOrganisation\":true},";

    private const string Question = "{\"number\":1,\"text\":\"Wat?\",\"phase\":\"vote\",\"runoff\":\"none\",\"tieSettledBy\":\"none\"";

    private async Task AssertRefusedAsync(string json)
    {
        var before = await SessionCountAsync();
        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Equal(SessionError.Invalid, refused.Error);
        Assert.Equal(before, await SessionCountAsync());
    }

    [Fact]
    public async Task Import_refuses_bytes_that_are_not_utf8_text()
    {
        var before = await SessionCountAsync();

        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => Importer.ImportAsync(new MemoryStream([0xFF, 0xFE, 0x00, 0x7B, 0x80, 0x81])));

        Assert.Equal(SessionError.Invalid, refused.Error);
        Assert.Equal(before, await SessionCountAsync());
    }

    [Fact]
    public async Task Import_refuses_an_archive_of_an_unknown_language_or_phase()
    {
        await AssertRefusedAsync(Head.Replace("\"nl\"", "\"fr\"", StringComparison.Ordinal) + "\"questions\":[" + Question + "}],\"participants\":[]}");
        await AssertRefusedAsync(Head + "\"questions\":[" + Question.Replace("vote", "dreaming", StringComparison.Ordinal) + "}],\"participants\":[]}");
    }

    [Fact]
    public async Task Import_accepts_a_minimal_hand_written_archive()
    {
        var created = await Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(
            Head + "\"questions\":[" + Question + ",\"answers\":[{\"ref\":\"x\",\"text\":\"Iets\"}]}],\"participants\":[{\"ref\":\"p\",\"name\":\"Ann\",\"mayBeNamed\":true}]}")));

        var md = await RenderTextAsync(created, "md", includeAllAnswers: true);
        Assert.StartsWith("# Oud\n", md);
        Assert.Contains("- Iets (0 stippen)", md);
        Assert.Contains("- Ann\n", md);
    }

    [Theory]
    [InlineData("\"questions\":[null],\"participants\":[]}")]
    [InlineData("\"questions\":[" + Question + ",\"answers\":[null]}],\"participants\":[]}")]
    [InlineData("\"questions\":[" + Question + ",\"ballots\":[null]}],\"participants\":[]}")]
    [InlineData("\"questions\":[" + Question + "}],\"participants\":[null]}")]
    public async Task Import_refuses_an_archive_with_a_null_entry_as_invalid(string tail)
    {
        await AssertRefusedAsync(Head + tail);
    }

    [Fact]
    public async Task Import_refuses_an_answer_merged_into_itself()
    {
        await AssertRefusedAsync(Head + "\"questions\":[" + Question
            + ",\"answers\":[{\"ref\":\"a\",\"text\":\"Een\",\"mergedInto\":\"a\"},{\"ref\":\"b\",\"text\":\"Twee\"}]}],\"participants\":[]}");
    }

    [Fact]
    public async Task Archive_of_a_tie_settled_by_a_runoff_round_trips_byte_for_byte()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Eén vraag?"]);
        await workshop.JoinAsync("a", "Ann", "Org");
        await workshop.JoinAsync("b", "Bob", null, mayBeNamed: false);
        await workshop.GoToAsync(1);
        foreach (var key in new[] { "w", "x", "y", "z" })
        {
            await workshop.AnswerAsync("a", key, $"Antwoord {key}");
        }
        await workshop.MoveToAsync(1, Phase.Vote);
        await workshop.BallotAsync("a", 1, "w", "x", "y");
        await workshop.BallotAsync("b", 1, "w", "z");
        await workshop.MoveToAsync(1, Phase.Result);
        await Facilitator.StartRunoffAsync(workshop.Session.SessionId, workshop.Session.FacilitatorKey, 1);
        await workshop.BallotAsync("a", 1, "y");
        await workshop.BallotAsync("b", 1, "y");
        Assert.False(await Facilitator.CloseRunoffAsync(workshop.Session.SessionId, workshop.Session.FacilitatorKey, 1));
        // The runoff tied again (y 2, x and z 0): the facilitator chooses.
        await workshop.ChooseAsync(1, "y", "x");
        var first = await RenderAsync(workshop.Session, "json");

        var imported = await Importer.ImportAsync(new MemoryStream(first));
        var second = await RenderAsync(imported, "json");

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        var q = JsonDocument.Parse(second).RootElement.GetProperty("questions")[0];
        Assert.Equal("closed", q.GetProperty("runoff").GetString());
        Assert.Equal(3, q.GetProperty("runoffCandidates").GetArrayLength());
        Assert.Equal([0, 1, 0, 1], q.GetProperty("ballots").EnumerateArray().Select(b => b.GetProperty("round").GetInt32()));
    }

    [Fact]
    public async Task Archive_of_a_session_still_voting_round_trips_byte_for_byte()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync();
        await workshop.JoinAsync("a", "Ann", "Org");
        await workshop.GoToAsync(1);
        for (var i = 1; i <= 11; i++)
        {
            await workshop.AnswerAsync("a", $"a{i}", $"Antwoord {i}");
        }
        await workshop.MoveToAsync(1, Phase.Vote);
        await workshop.BallotAsync("a", 1, "a2", "a10", "a11");
        var first = await RenderAsync(workshop.Session, "json");

        var imported = await Importer.ImportAsync(new MemoryStream(first));

        Assert.Equal(first, await RenderAsync(imported, "json"));
        Assert.Contains("Tussentijds verslag", await RenderTextAsync(imported, "md"));
    }

    [Fact]
    public void Archive_writer_names_unconsenting_participants_by_ref_only()
    {
        var archive = new SessionArchive(SessionArchive.FormatName, 1, "T", null, "nl", "", "",
            new ArchiveSettings(3, 1, true, false, true), 0, [], [new ArchiveParticipant("p1", null, null, false)]);

        var json = Encoding.UTF8.GetString(SessionArchiveWriter.Serialize(archive));

        Assert.Contains("\"name\": null", json);
        Assert.Contains("\"organisation\": null", json);
    }
}
