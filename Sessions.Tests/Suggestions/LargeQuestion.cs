using Sessions.Core.Reports;

namespace Sessions.Tests.Suggestions;

/// <summary>An archive of one question with more answers than suggestions look at, as anyone can import.</summary>
public static class LargeQuestion
{
    /// <summary>The first two and the last two answers repeat each other; the rest are words of random letters, alike in nothing.</summary>
    public static SessionArchive Archive(int answers)
    {
        var random = new Random(17);
        string Nonsense() => new(Enumerable.Range(0, 9).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var texts = Enumerable.Range(0, answers).Select(_ => $"{Nonsense()} {Nonsense()}").ToList();
        (texts[0], texts[1]) = ("De werkdruk is te hoog", "Veel te hoge werkdruk");
        (texts[^2], texts[^1]) = ("Gratis koffie op kantoor", "Gratis koffie op het kantoor");
        var archived = texts.Select((t, i) => new ArchiveAnswer($"q1.a{i + 1}", t, t, null, false, null, 0)).ToList();
        return new SessionArchive(SessionArchive.FormatName, SessionArchive.CurrentFormatVersion, "Groot", null, "nl", "", "",
            new ArchiveSettings(5, 3, false, false, false), 1,
            [new ArchiveQuestion(1, "Wat maakt het werk zwaar?", "converge", true, false, "none", [], "none", [], archived, [])], []);
    }
}
