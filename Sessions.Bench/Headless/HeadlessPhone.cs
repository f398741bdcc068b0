using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sessions.Bench.Headless;

/// <param name="AcceptLanguage">What the phone's browser asks for (a Dutch phone by default, as the screens benchmark's Chromium).</param>
/// <param name="KeepBatchData">Keep every render batch's bytes (for comparing with a browser); otherwise only ids, sizes and times.</param>
public sealed record HeadlessPhoneOptions(string AcceptLanguage = "nl-NL,nl;q=0.9", bool KeepBatchData = false)
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <param name="ReceivedAt">When it arrived (<see cref="Stopwatch.GetTimestamp"/>).</param>
public sealed record RenderBatchReceived(long Id, int Bytes, long ReceivedAt, byte[]? Data);

/// <param name="Answer">The JSON the phone answered with (the result part of <c>EndInvokeJSFromDotNet</c>).</param>
/// <param name="Known">False for a call this client does not know: it answers null, as a page without the function would fail.</param>
public sealed record JsCallAnswered(long Handle, string Identifier, string ArgsJson, string Answer, bool Known);

/// <summary>
/// A participant's phone without a browser: it loads <c>/join/{code}</c> over HTTP, opens the page's circuit on
/// <c>/_blazor</c> with the blazorpack protocol as blazor.web.js does (<c>StartCircuit</c>, then
/// <c>UpdateRootComponents</c> with the page's markers), acknowledges every render batch in order
/// (<c>OnRenderCompleted</c>) and answers the JS calls the phone's page receives: the participant's token from
/// localStorage, and the calls of Blazor and MudBlazor the page's scripts answer. It draws nothing: it counts the
/// batches (ids, sizes, arrival times), which is what a phone costs the server.
/// </summary>
public sealed class HeadlessPhone : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly HttpClient _http;
    private readonly Uri _root;
    private readonly PhonePage _page;
    private readonly HeadlessPhoneOptions _options;
    private readonly Lock _gate = new();
    private readonly List<RenderBatchReceived> _batches = [];
    private readonly List<JsCallAnswered> _calls = [];
    private readonly List<(byte[] Text, TaskCompletionSource<RenderBatchReceived> Found)> _waiters = [];
    private readonly Dictionary<string, string> _localStorage = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<long> _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _rootComponentsAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _errors = [];
    private long _nextBatchId = 2;
    private int _batchCount;

    private HeadlessPhone(HubConnection connection, HttpClient http, Uri root, PhonePage page, string joinCode, string? token, HeadlessPhoneOptions options)
    {
        _connection = connection;
        _http = http;
        _root = root;
        _page = page;
        _options = options;
        if (token is not null)
        {
            // What the phone's browser holds since it joined (BrowserStorage.ParticipantKey).
            _localStorage[$"sessions.participant.{joinCode}"] = token;
        }
        connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJsAsync);
        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On<int, string>("JS.AttachComponent", (_, _) => { });
        connection.On<long>("JS.EndUpdateRootComponents", _ => _rootComponentsAdded.TrySetResult());
        connection.On<string>("JS.Error", AddError);
        connection.Closed += error =>
        {
            if (error is not null)
            {
                AddError($"connection closed: {error.Message}");
            }
            return Task.CompletedTask;
        };
    }

    public string CircuitId { get; private set; } = "";

    /// <summary>What the server reported as failed (<c>JS.Error</c>), a connection that dropped, a batch out of order.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    private void AddError(string error)
    {
        lock (_gate)
        {
            _errors.Add(error);
        }
    }

    public int BatchCount => Volatile.Read(ref _batchCount);

    public IReadOnlyList<RenderBatchReceived> Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyList<JsCallAnswered> JsCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>
    /// Loads the page and opens its circuit, as a browser would; returns once the page has drawn what the participant
    /// sees: their name in the header (the page read their token), or the join form without a token.
    /// </summary>
    /// <param name="http">For the page itself (shared by many phones; cookies are kept per phone).</param>
    /// <param name="negotiateHandler">Shared by many phones for <c>/_blazor/negotiate</c>; null gives each phone its own.</param>
    public static async Task<HeadlessPhone> OpenAsync(HttpClient http, Uri root, string joinCode, string? token,
        HeadlessPhoneOptions? options = null, HttpMessageHandler? negotiateHandler = null, CancellationToken cancellationToken = default)
    {
        options ??= new HeadlessPhoneOptions();
        var pageUri = new Uri(root, $"join/{joinCode}");
        using var request = new HttpRequestMessage(HttpMethod.Get, pageUri);
        request.Headers.TryAddWithoutValidation("Accept-Language", options.AcceptLanguage);
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var page = PhonePage.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        if (page.Markers.Count == 0)
        {
            throw new InvalidOperationException($"{pageUri} has no interactive server component to start.");
        }
        var cookies = new CookieContainer();
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var cookie in setCookies)
            {
                cookies.SetCookies(root, cookie);
            }
        }

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(root, "_blazor"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Cookies = cookies;
                o.Headers["Accept-Language"] = options.AcceptLanguage;
                // A browser offers permessage-deflate and the circuit's server accepts it: the server then compresses
                // every message it sends, which is part of what a phone costs it.
                o.WebSocketConfiguration = socket => socket.DangerousDeflateOptions = new WebSocketDeflateOptions();
                if (negotiateHandler is not null)
                {
                    o.HttpMessageHandlerFactory = _ => new SharedHandler(negotiateHandler);
                }
            });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var connection = builder.Build();
        var phone = new HeadlessPhone(connection, http, root, page, joinCode, token, options);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            // The participant's header (class phone-me) or the join form's button: drawn only once the token was read.
            var ready = phone.NextBatchContainingAsync(token is null ? "join-button" : "phone-me");
            await phone.StartAsync(pageUri, timeout.Token).ConfigureAwait(false);
            await ready.WaitAsync(timeout.Token).ConfigureAwait(false);
            return phone;
        }
        catch
        {
            await phone.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartAsync(Uri pageUri, CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
        // blazor.web.js: StartCircuit with no initial components (the page's are added next) and the persisted state.
        CircuitId = await _connection.InvokeAsync<string?>("StartCircuit", _root.ToString(), pageUri.ToString(), "[]", _page.ApplicationState, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The server refused to start the circuit.");
        // Once the server has attached its renderer, the script adds the page's components, then answers the attach call.
        var attachHandle = await _attached.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _connection.SendAsync("UpdateRootComponents", _page.AddOperationsJson(), _page.ApplicationState, cancellationToken).ConfigureAwait(false);
        await AnswerAsync(attachHandle, "null").ConfigureAwait(false);
        await _rootComponentsAdded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next render batch (from now on) whose bytes hold <paramref name="text"/> in UTF-8, e.g. an attribute value it sets.</summary>
    public Task<RenderBatchReceived> NextBatchContainingAsync(string text)
    {
        var waiter = (Encoding.UTF8.GetBytes(text), new TaskCompletionSource<RenderBatchReceived>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            _waiters.Add(waiter);
        }
        return waiter.Item2.Task;
    }

    private async Task OnRenderBatchAsync(long id, byte[] data)
    {
        if (id < _nextBatchId)
        {
            // Sent again (after a reconnection): acknowledged again, as the script does.
            await _connection.SendAsync("OnRenderCompleted", id, null).ConfigureAwait(false);
            return;
        }
        if (id > _nextBatchId)
        {
            // A batch missing in between: the script waits for it and does not acknowledge this one.
            AddError($"render batch {id} arrived before {_nextBatchId}");
            return;
        }
        _nextBatchId++;
        var batch = new RenderBatchReceived(id, data.Length, Stopwatch.GetTimestamp(), _options.KeepBatchData ? data : null);
        List<TaskCompletionSource<RenderBatchReceived>> found = [];
        lock (_gate)
        {
            _batches.Add(batch);
            _batchCount++;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (data.AsSpan().IndexOf(_waiters[i].Text) >= 0)
                {
                    found.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }
        await _connection.SendAsync("OnRenderCompleted", id, null).ConfigureAwait(false);
        foreach (var waiter in found)
        {
            waiter.TrySetResult(batch);
        }
    }

    private async Task OnBeginInvokeJsAsync(long handle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        if (identifier == "Blazor._internal.attachWebRendererInterop")
        {
            // Answered by StartAsync, after the page's components are added.
            lock (_gate)
            {
                _calls.Add(new JsCallAnswered(handle, identifier, argsJson, "null", true));
            }
            _attached.TrySetResult(handle);
            return;
        }
        var (answer, known) = Answer(identifier, argsJson);
        lock (_gate)
        {
            _calls.Add(new JsCallAnswered(handle, identifier, argsJson, answer, known));
        }
        if (handle != 0)
        {
            await AnswerAsync(handle, answer).ConfigureAwait(false);
        }
    }

    // What the phone's page answers: Blazor's own calls and MudBlazor's return nothing, localStorage is this phone's.
    private (string Json, bool Known) Answer(string identifier, string argsJson)
    {
        using var args = JsonDocument.Parse(argsJson);
        string Arg(int i) => args.RootElement[i].GetString() ?? "";
        switch (identifier)
        {
            case "localStorage.getItem":
                var key = Arg(0);
                lock (_gate)
                {
                    return (_localStorage.TryGetValue(key, out var value) ? JsonSerializer.Serialize(value) : "null", true);
                }
            case "localStorage.setItem":
                lock (_gate)
                {
                    _localStorage[Arg(0)] = Arg(1);
                }
                return ("null", true);
            case "localStorage.removeItem":
                lock (_gate)
                {
                    _localStorage.Remove(Arg(0));
                }
                return ("null", true);
            case "sessionsStorageKeys":
                lock (_gate)
                {
                    var prefix = Arg(0);
                    return (JsonSerializer.Serialize(_localStorage.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray()), true);
                }
            case "window.hasOwnProperty":
                // MudBlazor asks whether its script is on the page: it is.
                return (Arg(0) == "mudElementRef" ? "true" : "false", Arg(0) == "mudElementRef");
            case "Blazor._internal.PageTitle.getAndRemoveExistingTitle":
            case "Blazor._internal.navigationManager.enableNavigationInterception":
            case "Blazor._internal.domWrapper.focusBySelector":
            case "mudThemeProvider.watchDarkMode":
            // MudBlazor's text fields of the join form register a blur handler once drawn; the browser answers nothing.
            case "mudElementRef.addOnBlurEvent":
                return ("null", true);
            default:
                return ("null", false);
        }
    }

    // The script's answer: EndInvokeJSFromDotNet(handle, succeeded, "[handle,succeeded,result]").
    private Task AnswerAsync(long handle, string resultJson) =>
        _connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{resultJson}]");

    /// <summary>Leaves as a closed browser tab does: the script posts the circuit id to <c>_blazor/disconnect</c>, then the connection ends.</summary>
    public async ValueTask DisposeAsync()
    {
        if (CircuitId.Length > 0 && _connection.State == HubConnectionState.Connected)
        {
            try
            {
                using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("circuitId", CircuitId)]);
                using var _ = await _http.PostAsync(new Uri(_root, "_blazor/disconnect"), form).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // The server is gone already; nothing to tell it.
            }
        }
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A handler many connections share for their negotiation; the connection that ends does not dispose it.</summary>
    private sealed class SharedHandler(HttpMessageHandler inner) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(inner, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _invoker.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _invoker.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
