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

    /// <summary>
    /// The hash of the facilitator key of the session it was saved from: only a browser holding that key lists
    /// or deletes the template. Null for templates saved before templates had owners: nobody lists those.
    /// </summary>
    public byte[]? OwnerKeyHash { get; set; }
}
