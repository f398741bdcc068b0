using System.Text;
using System.Text.Json;
using Sessions.Core.Reports;
using Sessions.Core.Services;

namespace Sessions.Bench;

/// <summary>
/// The largest archives the importer accepts, in the shapes that cost it most: each shape grows one dimension until
/// the next step would pass the size limit. Compact JSON with one-character references packs the most rows into the
/// bytes; "room" is an export as the app writes it. Shared with the tests (linked into Sessions.Tests).
/// </summary>
public static class LargeArchives
{
    private const string RefAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>As the app writes an export: camelCase, indented.</summary>
    private static readonly JsonSerializerOptions s_exported = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <param name="Grow">The archive with <c>n</c> as its growing dimension.</param>
    /// <param name="Rows">How many answers and votes (one person's dots on one answer) it then holds.</param>
    public sealed record Shape(string Name, string Grows, int Min, int Max, Func<int, byte[]> Grow, Func<int, int> Rows, Func<int, string> Describe);

    public static IReadOnlyList<Shape> Shapes { get; } =
    [
        new("votes", "participants", 1, 2000, Votes, n => (20 * 62) + (n * 20 * 20),
            n => $"20 questions × 62 answers, {n:N0} participants each with a 20-dot ballot on every question: {n * 20 * 20:N0} votes"),
        new("answers", "participants", 1, 2000, AnswersAndVotes, n => (20 * 2500) + (n * 20 * 20),
            n => $"20 questions × 2,500 answers (50,000), {n:N0} participants each with a 20-dot ballot on every question: {n * 20 * 20:N0} votes"),
        new("room", "answers per question", 10, 2500, Room, n => (20 * n) + (20 * 300 * 3),
            n => $"an export as the app writes it: 20 questions × {n:N0} answers of a sentence each, 300 named participants, a ballot of up to 3 dots from each on every question"),
        // The most text: answers of 500 characters outside ASCII (six bytes each as the export writes them), wording
        // and original, up to the text limit of an archive (3,000,000 characters: 148 a question).
        new("text", "answers per question", 10, 148, LongText, n => (20 * n) + (20 * 300 * 3),
            n => $"an export as the app writes it: 20 questions × {n:N0} answers of 500 accented characters (wording and original), 300 named participants, a ballot of up to 3 dots from each on every question"),
    ];

    /// <summary>
    /// The largest archive of the shape with at most <paramref name="maxBytes"/> bytes and <paramref name="maxRows"/>
    /// answers and votes (an upper bound for "room", whose ballots may repeat an answer), and no more text than an
    /// archive may hold (<see cref="SessionImporter.MaxTextLength"/>), and its growing dimension.
    /// </summary>
    public static (byte[] Json, int N) Largest(Shape shape, int maxBytes, int maxRows)
    {
        int low = shape.Min, high = shape.Max;
        var best = shape.Grow(low);
        if (best.Length > maxBytes || shape.Rows(low) > maxRows || !WithinText(best))
        {
            throw new InvalidOperationException($"Even the smallest \"{shape.Name}\" archive is over the limits.");
        }
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            var json = shape.Rows(middle) <= maxRows ? shape.Grow(middle) : null;
            if (json is not null && json.Length <= maxBytes && WithinText(json))
            {
                (low, best) = (middle, json);
            }
            else
            {
                high = middle - 1;
            }
        }
        return (best, low);
    }

    private static bool WithinText(byte[] json) =>
        SessionImporter.TextLength(JsonSerializer.Deserialize<SessionArchive>(json, SessionArchiveWriter.JsonOptions)!) <= SessionImporter.MaxTextLength;

    /// <summary>Most vote rows per byte: one-letter answers, 20 dots a ballot, a ballot from everyone on every question.</summary>
    public static byte[] Votes(int participants) => Compact(participants, answersPerQuestion: RefAlphabet.Length);

    /// <summary>The most answers an archive may hold (2,500 a question), and ballots in the bytes left.</summary>
    public static byte[] AnswersAndVotes(int participants) => Compact(participants, answersPerQuestion: 2500);

    private static byte[] Compact(int participants, int answersPerQuestion)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("format", "sessions.archive");
            json.WriteNumber("formatVersion", 1);
            json.WriteString("title", "Groot");
            json.WriteString("language", "nl");
            json.WriteStartObject("settings");
            json.WriteNumber("dotsPerParticipant", 20);
            json.WriteNumber("maxDotsPerAnswer", 1);
            json.WriteEndObject();
            json.WriteStartArray("questions");
            for (var q = 1; q <= 20; q++)
            {
                json.WriteStartObject();
                json.WriteNumber("number", q);
                json.WriteString("text", $"Vraag {q}?");
                json.WriteString("phase", "vote");
                json.WriteStartArray("answers");
                for (var a = 0; a < answersPerQuestion; a++)
                {
                    json.WriteStartObject();
                    json.WriteString("ref", Ref(a));
                    json.WriteString("text", "x");
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteStartArray("ballots");
                for (var p = 0; p < participants; p++)
                {
                    json.WriteStartObject();
                    json.WriteString("participant", Ref(p));
                    json.WriteStartObject("dots");
                    for (var d = 0; d < 20; d++)
                    {
                        json.WriteNumber(Ref((p + (d * 3) + q) % RefAlphabet.Length), 1);
                    }
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("participants");
            for (var p = 0; p < participants; p++)
            {
                json.WriteStartObject();
                json.WriteString("ref", Ref(p));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>A room of 300 with full sentences, written as the app exports it (indented, every field).</summary>
    public static byte[] Room(int answersPerQuestion) => Export(answersPerQuestion, null);

    /// <summary>As <see cref="Room"/>, with every answer 500 characters outside ASCII, its original wording as long.</summary>
    public static byte[] LongText(int answersPerQuestion) => Export(answersPerQuestion, 500);

    private static byte[] Export(int answersPerQuestion, int? longText)
    {
        string Long(int a, int q)
        {
            var prefix = $"{a}.{q} ";
            return prefix + new string('é', longText!.Value - prefix.Length);
        }
        var random = new Random(20221125);
        var people = Enumerable.Range(1, 300).Select(i => new { Ref = $"p{i}", Name = $"Deelnemer {i}", Organisation = $"Organisatie {i % 37}" }).ToList();
        var questions = Enumerable.Range(1, 20).Select(q => new
        {
            Number = q,
            Text = $"Vraag {q}: wat vinden we belangrijk?",
            Phase = "result",
            AnswersRevealed = false,
            CountsRevealed = false,
            Runoff = "none",
            RunoffCandidates = Array.Empty<string>(),
            TieSettledBy = "none",
            TieWinners = Array.Empty<string>(),
            Answers = Enumerable.Range(1, answersPerQuestion).Select(a => new
            {
                Ref = $"q{q}.a{a}",
                Text = longText is null ? $"Antwoord {a} op vraag {q}: een zin van gemiddelde lengte, zoals mensen die op hun telefoon typen." : Long(a, q),
                OriginalText = longText is null ? $"Antwoord {a} op vraag {q}" : Long(q, a),
                Author = $"p{(a % people.Count) + 1}",
                Hidden = false,
                MergedInto = (string?)null,
                Dots = 0,
            }).ToList(),
            Ballots = people.Select(p => new
            {
                Participant = p.Ref,
                Round = 0,
                Dots = Enumerable.Range(0, 3).Select(_ => random.Next(answersPerQuestion) + 1).Distinct().ToDictionary(a => $"q{q}.a{a}", _ => 1),
            }).ToList(),
        }).ToList();
        var archive = new
        {
            Format = "sessions.archive",
            FormatVersion = 1,
            Title = "Groot",
            Date = "2022-11-25",
            Language = "nl",
            Intro = "Een grote sessie.",
            ClosingText = "",
            Settings = new { DotsPerParticipant = 3, MaxDotsPerAnswer = 1, LiveCounts = true, SilentWriting = false, AskOrganisation = true, CloseJoiningWhenVoting = false },
            CurrentQuestion = 1,
            Questions = questions,
            Participants = people.Select(p => new { p.Ref, p.Name, p.Organisation, MayBeNamed = true }).ToList(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(archive, s_exported);
    }

    /// <summary>"a" … "9", then "aa" …: the shortest distinct references.</summary>
    private static string Ref(int index)
    {
        var text = new StringBuilder();
        do
        {
            text.Insert(0, RefAlphabet[index % RefAlphabet.Length]);
            index = (index / RefAlphabet.Length) - 1;
        }
        while (index >= 0);
        return text.ToString();
    }
}
