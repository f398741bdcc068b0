namespace Sessions.Core.Domain;

/// <summary>A session's questions and settings kept to start new sessions from.</summary>
public sealed class SavedTemplate
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public SessionLanguage Language { get; set; }
    public string Title { get; set; } = "";
    public string Intro { get; set; } = "";
    public string ClosingText { get; set; } = "";

    /// <summary>The questions, one per line.</summary>
    public string Questions { get; set; } = "";

    public SessionSettings Settings { get; set; } = new();
    public DateTime CreatedAtUtc { get; set; }
}
