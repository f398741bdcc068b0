using Microsoft.JSInterop;

namespace Sessions.App.Components.Shared;

/// <summary>The browser's localStorage: a participant's token and draft, the facilitator's key. Kept on the device only.</summary>
public sealed class BrowserStorage(IJSRuntime js)
{
    public ValueTask<string?> GetAsync(string key) => js.InvokeAsync<string?>("localStorage.getItem", key);

    public ValueTask SetAsync(string key, string value) => js.InvokeVoidAsync("localStorage.setItem", key, value);

    public ValueTask RemoveAsync(string key) => js.InvokeVoidAsync("localStorage.removeItem", key);

    public ValueTask<string[]> KeysAsync(string prefix) => js.InvokeAsync<string[]>("sessionsStorageKeys", prefix);

    public const string FacilitatorPrefix = "sessions.facilitator.";

    public static string ParticipantKey(string joinCode) => $"sessions.participant.{joinCode}";
    public static string DraftKey(string joinCode, int question) => $"sessions.draft.{joinCode}.{question}";
    public static string FacilitatorKey(Guid sessionId) => $"{FacilitatorPrefix}{sessionId}";
}
