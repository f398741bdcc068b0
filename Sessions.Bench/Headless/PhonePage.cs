using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sessions.Bench.Headless;

/// <summary>
/// What blazor.web.js reads from a prerendered page before it opens the circuit: the markers of the interactive
/// root components (HTML comments <c>&lt;!--Blazor:{...}--&gt;</c>, in their order on the page) and the state the
/// prerendering persisted (<c>&lt;!--Blazor-Server-Component-State:...--&gt;</c>).
/// </summary>
public sealed partial class PhonePage
{
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private PhonePage(IReadOnlyList<JsonObject> markers, string applicationState)
    {
        Markers = markers;
        ApplicationState = applicationState;
    }

    /// <summary>The start markers of the server components, each with the <c>uniqueId</c> the script gives it (its place on the page).</summary>
    public IReadOnlyList<JsonObject> Markers { get; }

    /// <summary>The persisted component state, sent with <c>StartCircuit</c> and the first <c>UpdateRootComponents</c>.</summary>
    public string ApplicationState { get; }

    public static PhonePage Parse(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in MarkerComment().Matches(html))
        {
            if (JsonNode.Parse(match.Groups["json"].Value) is JsonObject marker
                && marker["type"]?.GetValue<string>() == "server" && marker["descriptor"] is not null)
            {
                markers.Add(marker);
            }
        }
        // The script discovers the comments in document order, sorts them by sequence and numbers them.
        markers = [.. markers.OrderBy(m => m["sequence"]!.GetValue<int>())];
        for (var i = 0; i < markers.Count; i++)
        {
            markers[i]["uniqueId"] = i;
        }
        var state = StateComment().Match(html);
        return new PhonePage(markers, state.Success ? state.Groups["state"].Value : "");
    }

    /// <summary>The argument of the first <c>UpdateRootComponents</c>: one "add" per marker, numbered from 1, as the script writes it.</summary>
    public string AddOperationsJson(int batchId = 1)
    {
        var operations = new JsonArray();
        for (var i = 0; i < Markers.Count; i++)
        {
            operations.Add(new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = Markers[i].DeepClone(),
            });
        }
        return new JsonObject { ["batchId"] = batchId, ["operations"] = operations }.ToJsonString(s_json);
    }

    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerComment();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>[A-Za-z0-9+/=]+)-->")]
    private static partial Regex StateComment();
}
