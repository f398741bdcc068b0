using System.Text;

namespace Sessions.Tests.Golden;

/// <summary>The seed session renders to the Markdown kept in Golden/vernieuwen-2022.md, byte for byte.</summary>
public sealed class MarkdownGoldenTests(SeedSession seed) : IClassFixture<SeedSession>
{
    private static string GoldenPath => Path.Combine(AppContext.BaseDirectory, "Golden", "vernieuwen-2022.md");

    [Fact]
    public async Task The_seed_session_renders_to_the_expected_markdown()
    {
        var file = await seed.Reports.RenderAsync(seed.Session.SessionId, seed.Session.FacilitatorKey, "md");
        var actual = Encoding.UTF8.GetString(file.Content);

        // To accept a deliberate change: SESSIONS_UPDATE_GOLDEN=1 writes the new output to the source tree.
        if (Environment.GetEnvironmentVariable("SESSIONS_UPDATE_GOLDEN") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Golden", "vernieuwen-2022.md"));
            await File.WriteAllTextAsync(source, actual);
        }

        Assert.Equal(await File.ReadAllTextAsync(GoldenPath), actual);
        Assert.Equal("platform-vernieuwen-doe-je-samen-2022-11-25.md", file.FileName);
    }

    [Fact]
    public async Task The_markdown_holds_every_top_3_of_the_published_post_in_order()
    {
        var markdown = Encoding.UTF8.GetString((await seed.Reports.RenderAsync(seed.Session.SessionId, seed.Session.FacilitatorKey, "md")).Content);
        var position = 0;
        foreach (var answer in SeedSession.Top3.SelectMany(q => q))
        {
            // Markdown escapes a few characters; compare on the words.
            var probe = answer[..40];
            var found = markdown.IndexOf(probe, position, StringComparison.Ordinal);
            Assert.True(found > position, $"\"{probe}\" is missing or out of order.");
            position = found;
        }
        Assert.Contains("Aan deze sessie van 25 november 2022 namen de volgende personen deel:", markdown, StringComparison.Ordinal);
        Assert.Contains("- Peter Geilen (Zorg&Co)", markdown, StringComparison.Ordinal);
    }
}
