using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sessions.Core.Text;

/// <summary>
/// Says in plain words what is wrong with a JSON body: where, and what kind of value belongs there. The reader's own
/// message names .NET types ("System.Int32", "Sessions.App.Endpoints.CreateSessionBody") and its path notation, which
/// mean nothing to whoever wrote the request and tell a prober how the server is built.
/// </summary>
public static partial class JsonProblems
{
    /// <param name="bodyType">The type the body is read into, to say what belongs at the place that went wrong.</param>
    /// <param name="whole">What the JSON is to the reader: "The body" of a request, "The archive" of an import.</param>
    public static LocalizableText Explain(JsonException exception, Type? bodyType, string whole = "The body")
    {
        var place = Place(exception.Path);
        if (!exception.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            // The text itself is not JSON (a brace missing, a stray character, the body cut off).
            return exception.LineNumber is { } line && exception.BytePositionInLine is { } column
                ? new LocalizableText("{0} is not valid JSON (line {1}, character {2}).", whole, line + 1, column + 1)
                : new LocalizableText("{0} is not valid JSON.", whole);
        }
        var kind = Kind(NamedType(exception.Message)) ?? Kind(Along(bodyType, exception.Path));
        return (place, kind) switch
        {
            (null, null) => new LocalizableText("{0} does not hold what is expected; see the README for the contract.", whole),
            (null, _) => new LocalizableText("{0} must be {1}.", whole, kind),
            (_, null) => new LocalizableText("{0} could not be read at \"{1}\": the value there is not of the kind expected.", whole, new Verbatim(place)),
            _ => new LocalizableText("{0} could not be read at \"{1}\": {2} is expected there.", whole, new Verbatim(place), kind),
        };
    }

    /// <summary>"$.questions[0].text" → "questions[0].text"; null for the body as a whole.</summary>
    private static string? Place(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }
        var place = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return place.Length <= 60 ? place : place[..60] + "…";
    }

    /// <summary>The type a conversion message names, when it is one of the framework's own (System.Int32...).</summary>
    private static Type? NamedType(string message)
    {
        var match = ConvertedTo().Match(message);
        return match.Success && match.Groups["type"].Value.StartsWith("System.", StringComparison.Ordinal)
            ? Type.GetType(match.Groups["type"].Value, throwOnError: false)
            : null;
    }

    /// <summary>The type at the end of <paramref name="path"/>, walking the properties, lists and dictionaries of <paramref name="root"/>.</summary>
    private static Type? Along(Type? root, string? path)
    {
        var type = root;
        foreach (Match step in PathStep().Matches(path ?? ""))
        {
            if (type is null)
            {
                return null;
            }
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (Dictionary(type) is { } values)
            {
                type = values;
            }
            else if (step.Groups["index"].Success)
            {
                type = Element(type);
            }
            else
            {
                var name = step.Groups["name"].Value.Replace("''", "'", StringComparison.Ordinal);
                type = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            }
        }
        return type == root ? null : type;
    }

    private static LocalizableText? Kind(Type? type)
    {
        if (type is null)
        {
            return null;
        }
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Kind(inner) is { } kind ? new LocalizableText("{0} or null", kind) : null;
        }
        return KindWord(type) is { } word ? new(word) : null;
    }

    private static string? KindWord(Type type) => type switch
    {
        _ when type == typeof(string) => "text",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) => "a whole number",
        _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number",
        _ when type == typeof(Guid) => "an id (such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301)",
        _ when type == typeof(DateOnly) => "a date (such as 2026-12-02)",
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "a date and time (such as 2026-12-02T14:30:00Z)",
        _ when Dictionary(type) is not null => "an object",
        _ when typeof(IEnumerable).IsAssignableFrom(type) => "a list",
        _ when type.IsClass => "an object",
        _ => null,
    };

    private static Type? Dictionary(Type type) =>
        type.IsGenericType && type.GetGenericArguments().Length == 2 && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[1] : null;

    private static Type? Element(Type type) =>
        type.IsArray ? type.GetElementType() : type.IsGenericType && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0] : null;

    [GeneratedRegex(@"converted to (?<type>[^ ]+?)\.( Path|$)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<name>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();
}
