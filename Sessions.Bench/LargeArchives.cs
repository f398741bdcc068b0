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
        // Every limit at once: the text limit in long answers and 2,000 named participants, refused suggestions up to
        // their limit, 20-dot ballots up to the row limit, and whitespace up to the byte limit.
        new("worst", "voters", 1, 2000, Worst, n => (20 * WorstAnswers) + (n * 20 * 20),
            n => $"every limit at once: 20 questions × {WorstAnswers} answers of 500 accented characters (wording and original), "
                + $"{SessionImporter.MaxParticipants:N0} named participants, {n:N0} of them with a 20-dot ballot on every question ({n * 20 * 20:N0} votes), "
                + $"{20 * WorstRejections:N0} refused suggestions, padded with whitespace to the byte limit"),
    ];

    private const int WorstAnswers = 146;
    private const int WorstRejections = 166;

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
        var questions = Enumerable.Range(1, 20).Select(q => ResultQuestion(q,
            [.. Enumerable.Range(1, answersPerQuestion).Select(a => new ArchiveAnswer($"q{q}.a{a}",
                longText is null ? $"Antwoord {a} op vraag {q}: een zin van gemiddelde lengte, zoals mensen die op hun telefoon typen." : Long(a, q),
                longText is null ? $"Antwoord {a} op vraag {q}" : Long(q, a),
                $"p{(a % people.Count) + 1}", Hidden: false, MergedInto: null, Dots: 0))],
            [.. people.Select(p => new ArchiveBallot(p.Ref, 0,
                Enumerable.Range(0, 3).Select(_ => random.Next(answersPerQuestion) + 1).Distinct().ToDictionary(a => $"q{q}.a{a}", _ => 1)))])).ToList();
        return Exported("Een grote sessie.", dotsPerParticipant: 3, questions,
            [.. people.Select(p => new ArchiveParticipant(p.Ref, p.Name, p.Organisation, MayBeNamed: true))]);
    }

    /// <summary>
    /// An archive at every limit at once (see the "worst" shape): <paramref name="voters"/> of the participants cast a
    /// 20-dot ballot on each question, and whitespace fills the archive up to <see cref="SessionImporter.MaxArchiveBytes"/>.
    /// </summary>
    public static byte[] Worst(int voters)
    {
        var people = Enumerable.Range(1, SessionImporter.MaxParticipants)
            .Select(i => new { Ref = $"p{i}", Name = $"Deelnemer {i}", Organisation = $"Organisatie {i % 37}", MayBeNamed = true }).ToList();
        string Long(int a, int q, char fill)
        {
            var prefix = $"{a}.{q} ";
            return prefix + new string(fill, 500 - prefix.Length);
        }
        var questions = Enumerable.Range(1, 20).Select(q => ResultQuestion(q,
            [.. Enumerable.Range(1, WorstAnswers).Select(a => new ArchiveAnswer($"q{q}.a{a}", Long(a, q, 'é'), Long(a, q, 'ë'),
                people[a % people.Count].Ref, Hidden: false, MergedInto: null, Dots: 0))],
            // 20 distinct answers each: 7 × d stays distinct modulo WorstAnswers for d < 20.
            [.. people.Take(voters).Select((p, i) => new ArchiveBallot(p.Ref, 0,
                Enumerable.Range(0, 20).ToDictionary(d => $"q{q}.a{((i + (7 * d) + q) % WorstAnswers) + 1}", _ => 1)))],
            // Distinct pairs: an answer with the one two on, then with the one three on.
            [.. Enumerable.Range(0, WorstRejections).Select(r => new ArchiveRejection(
                [$"q{q}.a{(r % WorstAnswers) + 1}", $"q{q}.a{(((r % WorstAnswers) + 1 + (r / WorstAnswers) + 1) % WorstAnswers) + 1}"], Separated: null))])).ToList();
        var json = Exported("Een sessie op elke grens.", dotsPerParticipant: 20, questions,
            [.. people.Select(p => new ArchiveParticipant(p.Ref, p.Name, p.Organisation, p.MayBeNamed))]);
        if (json.Length >= SessionImporter.MaxArchiveBytes)
        {
            return json;
        }
        // Whitespace before the closing brace: still the same archive, now as large as an archive may be.
        var padded = new byte[SessionImporter.MaxArchiveBytes];
        Array.Fill(padded, (byte)' ', json.Length - 1, padded.Length - json.Length);
        json.AsSpan(0, json.Length - 1).CopyTo(padded);
        padded[^1] = (byte)'}';
        return padded;
    }

    /// <summary>A Dutch session of 25 November 2022 on its first question, written as the app exports one (indented, camelCase).</summary>
    private static byte[] Exported(string intro, int dotsPerParticipant, IReadOnlyList<ArchiveQuestion> questions, IReadOnlyList<ArchiveParticipant> participants) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new SessionArchive(SessionArchive.FormatName, SessionArchive.CurrentFormatVersion, "Groot", new DateOnly(2022, 11, 25), "nl", intro, "",
                new ArchiveSettings(dotsPerParticipant, 1, true, false, true, false), 1, questions, participants),
            s_exported);

    /// <summary>A question in the result phase, as the app exports one, with its answers, ballots and refused suggestions.</summary>
    private static ArchiveQuestion ResultQuestion(int q, IReadOnlyList<ArchiveAnswer> answers, IReadOnlyList<ArchiveBallot> ballots,
        IReadOnlyList<ArchiveRejection>? rejections = null) =>
        new(q, $"Vraag {q}: wat vinden we belangrijk?", "result", AnswersRevealed: false, CountsRevealed: false, "none", [], "none", [],
            answers, ballots, rejections);

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
