using System.Text;

namespace Sessions.Tests.Reports;

/// <summary>A strict RFC 4180 reader: records end in CRLF; quoted fields may hold the separator (a comma, or a semicolon for a Dutch session), quotes and line breaks.</summary>
public static class Rfc4180
{
    public static List<List<string>> Parse(string text, char separator = ',')
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i += 2;
                    continue;
                }
                if (c == '"')
                {
                    quoted = false;
                    i++;
                    continue;
                }
                cell.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    i++;
                    break;
                case '"':
                    throw new FormatException($"A quote in the middle of an unquoted field at {i}.");
                case var s when s == separator:
                    row.Add(cell.ToString());
                    cell.Clear();
                    i++;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row);
                    row = [];
                    i += 2;
                    break;
                case '\r' or '\n':
                    throw new FormatException($"A bare line break outside quotes at {i}.");
                default:
                    cell.Append(c);
                    i++;
                    break;
            }
        }
        if (quoted)
        {
            throw new FormatException("The text ends inside a quoted field.");
        }
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
