using System.Text;
using Sessions.Core.Domain;
using Sessions.Tests.Reports;

namespace Sessions.Tests.Security;

/// <summary>
/// Finding 9: an import accepted archives that no live session could reach (a phone was then offered a hidden
/// answer in a runoff and stored a dot on it). An archive is now held to the rules of the live commands.
/// </summary>
public sealed class ImportRulesTests : ReportsTestBase
{
    private const string Head = "{\"format\":\"sessions.archive\",\"formatVersion\":1,\"title\":\"Oud\",\"language\":\"nl\","
        + "\"settings\":{\"dotsPerParticipant\":3,\"maxDotsPerAnswer\":1,\"liveCounts\":true,\"silentWriting\":false,\"askOrganisation\":true},";

    private const string PeopleJson = "\"participants\":[{\"ref\":\"p1\",\"name\":\"Ann\",\"mayBeNamed\":true},{\"ref\":\"p2\",\"name\":\"Bob\",\"mayBeNamed\":true}]}";

    private static string Archive(string phase, string answers, string runoff = "none", string candidates = "", string settled = "none", string winners = "", string ballots = "") =>
        Head + "\"questions\":[{\"number\":1,\"text\":\"Wat?\",\"phase\":\"" + phase + "\",\"runoff\":\"" + runoff + "\",\"runoffCandidates\":[" + candidates
        + "],\"tieSettledBy\":\"" + settled + "\",\"tieWinners\":[" + winners + "],\"answers\":[" + answers + "],\"ballots\":[" + ballots + "]}]," + PeopleJson;

    private const string ThreeAnswers =
        "{\"ref\":\"a\",\"text\":\"Een\",\"author\":\"p1\"},{\"ref\":\"b\",\"text\":\"Twee\",\"author\":\"p2\"},{\"ref\":\"c\",\"text\":\"Drie\",\"hidden\":true}";

    public static TheoryData<string, string> BrokenArchives => new()
    {
        { "an answer merged into a hidden one", Archive("converge", "{\"ref\":\"a\",\"text\":\"Een\",\"mergedInto\":\"c\"},{\"ref\":\"c\",\"text\":\"Drie\",\"hidden\":true}") },
        { "a merge while collecting", Archive("collect", "{\"ref\":\"a\",\"text\":\"Een\",\"mergedInto\":\"b\"},{\"ref\":\"b\",\"text\":\"Twee\"}") },
        { "an open runoff while collecting", Archive("collect", ThreeAnswers, runoff: "open", candidates: "\"a\",\"b\"") },
        { "a hidden runoff candidate", Archive("result", ThreeAnswers, runoff: "open", candidates: "\"a\",\"c\"") },
        { "runoff \"7\"", Archive("result", ThreeAnswers, runoff: "7", candidates: "\"a\",\"b\"") },
        { "tieSettledBy \"-1\"", Archive("result", ThreeAnswers, settled: "-1", winners: "\"a\"") },
        { "a hidden tie winner", Archive("result", ThreeAnswers, settled: "choice", winners: "\"c\"") },
        { "a runoff ballot outside the runoff's candidates", Archive("result", ThreeAnswers, runoff: "open", candidates: "\"a\",\"b\"",
            ballots: "{\"participant\":\"p1\",\"round\":1,\"dots\":{\"c\":1}}") },
        { "a runoff ballot without a runoff", Archive("result", ThreeAnswers, ballots: "{\"participant\":\"p1\",\"round\":1,\"dots\":{\"a\":1}}") },
        { "120 answers from one participant", Archive("collect", string.Join(",", Enumerable.Range(0, 120).Select(i => $"{{\"ref\":\"r{i}\",\"text\":\"Antwoord {i}\",\"author\":\"p1\"}}"))) },
        { "an invisible answer", Archive("collect", "{\"ref\":\"a\",\"text\":\"\\u200B\\u202E\"}") },
        { "an answer of 30,000 code points", Archive("collect", "{\"ref\":\"a\",\"text\":\"" + string.Concat(Enumerable.Repeat("a" + string.Concat(Enumerable.Repeat("\\u0301", 60)), 500)) + "\"}") },
        // Found after the probe: these too were accepted.
        { "a ballot on a question still collecting", Archive("collect", ThreeAnswers, ballots: "{\"participant\":\"p1\",\"round\":0,\"dots\":{\"a\":1}}") },
        { "currentQuestion past the wrap-up", Showing(3, Archive("result", ThreeAnswers)) },
        { "currentQuestion -1", Showing(-1, Archive("result", ThreeAnswers)) },
        { "question number 5 of 1", Archive("result", ThreeAnswers).Replace("\"number\":1", "\"number\":5", StringComparison.Ordinal) },
        { "a ballot with null dots", Archive("vote", ThreeAnswers, ballots: "{\"participant\":\"p1\",\"round\":0,\"dots\":null}") },
    };

    /// <summary>The archive with the room on question <paramref name="current"/> (0 the lobby, N+1 the wrap-up).</summary>
    private static string Showing(int current, string archive) =>
        archive.Replace("\"questions\":[", $"\"currentQuestion\":{current},\"questions\":[", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(BrokenArchives))]
    public async Task An_archive_that_breaks_a_live_rule_is_refused_and_nothing_is_created(string what, string json)
    {
        var before = await SessionCountAsync();

        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.True(refused.Error == SessionError.Invalid, what);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Equal(before, await SessionCountAsync());
    }

    [Fact]
    public async Task The_wrap_up_and_ballots_kept_on_a_question_moved_back_to_converge_are_accepted()
    {
        var json = Showing(2, Archive("converge", ThreeAnswers, ballots: "{\"participant\":\"p1\",\"round\":0,\"dots\":{\"a\":1,\"b\":1}},{\"participant\":\"p2\",\"round\":0,\"dots\":{}}"));

        var created = await Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        var s = await Reader.GetAsync(created.SessionId);
        Assert.Equal(2, s.CurrentQuestion);
        Assert.Single(s.Questions[0].Ballots);
    }

    [Fact]
    public async Task An_open_runoff_among_visible_answers_with_its_ballots_is_accepted()
    {
        var json = Archive("result", ThreeAnswers, runoff: "open", candidates: "\"a\",\"b\"",
            ballots: "{\"participant\":\"p1\",\"round\":0,\"dots\":{\"a\":1,\"b\":1}},{\"participant\":\"p1\",\"round\":1,\"dots\":{\"a\":1}}");

        var created = await Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        var q = (await Reader.GetAsync(created.SessionId)).Questions[0];
        Assert.Equal(RunoffState.Open, q.Runoff);
        Assert.Equal(2, q.RunoffCandidates.Count);
        Assert.Single(q.RunoffBallots);
    }
}
