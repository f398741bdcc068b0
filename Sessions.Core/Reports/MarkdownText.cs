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
        return LineStartMarker().Replace(escaped, m => m.Groups[1].Value + m.Groups[2].Value + "\\" + m.Groups[3].Value);
    }

    /// <summary>Escapes each line of a multi-line text; blank lines stay paragraph breaks.</summary>
    public static string EscapeBlock(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(Escape));

    [GeneratedRegex("&(?=#?[A-Za-z0-9]+;)")]
    private static partial Regex EntityLike();

    [GeneratedRegex(@"^(\s*)(\d*)([+\-=.)])", RegexOptions.Multiline)]
    private static partial Regex LineStartMarker();
}
