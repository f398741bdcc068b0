using System.Text;
using System.Text.RegularExpressions;

namespace Sessions.Core.Reports;

/// <summary>Puts user text into Markdown as text: whatever someone typed never becomes a link, an image, emphasis or HTML.</summary>
public static partial class MarkdownText
{
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~' or '!')
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        var escaped = EntityLike().Replace(builder.ToString(), "\\&");
        // At the start of a line these would start a list, a heading or a quote.
        escaped = LineStartMarker().Replace(escaped, m => m.Groups[1].Value + m.Groups[2].Value + "\\" + m.Groups[3].Value);
        return NoAutolinks(escaped);
    }

    /// <summary>
    /// GitHub-flavoured Markdown turns bare URLs, "www." and e-mail addresses into links. An escaped colon
    /// or dot stops the first two. An e-mail address is found even through escapes and entities, so a word joiner
    /// (U+2060, which shows nothing and breaks no line) goes before its "@": the address then has no name part a
    /// renderer recognises. An HTML comment did that before, but a renderer that drops raw HTML shows it as
    /// "raw HTML omitted", or as the comment itself, and one that removes comments joins the halves again.
    /// </summary>
    private static string NoAutolinks(string text)
    {
        text = SchemeSeparator().Replace(text, "\\://");
        text = WwwPrefix().Replace(text, "$1\\.");
        return EmailAt().Replace(text, "\u2060@");
    }

    /// <summary>Escapes each line of a multi-line text; blank lines stay paragraph breaks.</summary>
    public static string EscapeBlock(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(Escape));

    [GeneratedRegex("://")]
    private static partial Regex SchemeSeparator();

    [GeneratedRegex("(?<![A-Za-z0-9])(www)\\.", RegexOptions.IgnoreCase)]
    private static partial Regex WwwPrefix();

    [GeneratedRegex("(?<=[A-Za-z0-9._+\\-])@")]
    private static partial Regex EmailAt();

    [GeneratedRegex("&(?=#?[A-Za-z0-9]+;)")]
    private static partial Regex EntityLike();

    [GeneratedRegex(@"^(\s*)(\d*)([+\-=.)])", RegexOptions.Multiline)]
    private static partial Regex LineStartMarker();
}
