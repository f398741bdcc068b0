using System.Globalization;

namespace Sessions.Core.Text;

/// <summary>
/// A sentence for a person as its English template with {0}-style places and the values for them, so that a screen
/// or the API can say it in the reader's language: the resources are keyed by the English template, and an argument
/// that is itself a <see cref="LocalizableText"/> (or a word the resources know) is translated too.
/// <see cref="ToString"/> is the English.
/// </summary>
public sealed class LocalizableText(string template, params object?[] arguments)
{
    public string Template { get; } = template;

    public IReadOnlyList<object?> Arguments { get; } = arguments;

    public override string ToString() =>
        Arguments.Count == 0 ? Template : string.Format(CultureInfo.InvariantCulture, Template, [.. Arguments]);
}

/// <summary>Words given as they are (a value someone sent, a JSON path, an address): placed in a <see cref="LocalizableText"/> untranslated.</summary>
public sealed record Verbatim(string Value)
{
    public override string ToString() => Value;
}
