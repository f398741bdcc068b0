using Sessions.Core.Domain;

namespace Sessions.Core.Templates;

/// <summary>A ready-made session: its questions in Dutch as written and in English. Its session takes place today unless the facilitator says otherwise.</summary>
public sealed record SessionTemplate(
    string Key,
    string Name,
    string TitleNl,
    string TitleEn,
    string IntroNl,
    string IntroEn,
    string ClosingNl,
    string ClosingEn,
    IReadOnlyList<string> QuestionsNl,
    IReadOnlyList<string> QuestionsEn)
{
    public string Title(SessionLanguage language) => language == SessionLanguage.Nl ? TitleNl : TitleEn;
    public string Intro(SessionLanguage language) => language == SessionLanguage.Nl ? IntroNl : IntroEn;
    public string Closing(SessionLanguage language) => language == SessionLanguage.Nl ? ClosingNl : ClosingEn;
    public IReadOnlyList<string> Questions(SessionLanguage language) => language == SessionLanguage.Nl ? QuestionsNl : QuestionsEn;
}
