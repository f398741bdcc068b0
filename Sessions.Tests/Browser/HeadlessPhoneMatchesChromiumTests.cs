using System.Text;
using System.Text.Json;
using MessagePack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sessions.Bench.Headless;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Integration;
using Xunit.Abstractions;

namespace Sessions.Tests.Browser;

/// <summary>
/// The benchmark's headless phone is only worth its figures if the server treats it as it treats a phone's browser:
/// the same steps give a real Chromium phone and the headless phone the same render batches (ids, sizes and bytes,
/// but for the participant's name) and the same JS calls, answered the same way.
/// </summary>
[Trait("Category", "Browser")]
public sealed class HeadlessPhoneMatchesChromiumTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private T Service<T>() where T : notnull => browser.App.Services.GetRequiredService<T>();

    [Fact]
    public async Task The_headless_phone_receives_the_batches_and_js_calls_a_chromium_phone_does()
    {
        // Names of the same length, so the two phones' markup has the same size.
        var room = await VotingRoom.CreateAsync(Service<SessionCatalog>(), Service<ParticipantService>(), Service<FacilitatorService>(),
            phones: 2, voters: 3, phoneNames: ["Phone A", "Phone B"]);
        var code = room.Session.JoinCode;

        var page = await browser.NewPageAsync(390, 844, "nl-NL");
        await page.Context.AddInitScriptAsync($"localStorage.setItem('sessions.participant.{code}', '{room.PhoneTokens[0]}');");
        var chromium = await CircuitRecorder.StartAsync(page);
        await page.GotoAsync($"join/{code}");
        await page.Locator("[data-testid=vote-panel]").WaitForAsync();
        using var http = new HttpClient();
        await using var headless = await HeadlessPhone.OpenAsync(http, new Uri(browser.App.RootUri + "/"), code, room.PhoneTokens[1],
            new HeadlessPhoneOptions(KeepBatchData: true));
        await Task.Delay(1000);
        var opened = (Chromium: chromium.Batches.Count, Headless: headless.BatchCount);

        // Other people vote: neither phone is sent anything.
        foreach (var (token, i) in room.VoterTokens.Select((t, i) => (t, i)))
        {
            await room.VoteAsync(token, room.Answers[i]);
            await Task.Delay(200);
        }
        // Each phone places a dot on the same answer, then the phase moves to the result.
        await room.VoteAsync(room.PhoneTokens[0], room.Answers[1]);
        await WaitUntilAsync(() => chromium.Batches.Count > opened.Chromium);
        var headlessDots = headless.NextBatchContainingAsync(room.Answers[1].ToString());
        await room.VoteAsync(room.PhoneTokens[1], room.Answers[1]);
        await headlessDots.WaitAsync(TimeSpan.FromSeconds(30));
        var headlessResult = headless.NextBatchContainingAsync("result");
        await Service<FacilitatorService>().SetPhaseAsync(room.Session.SessionId, room.Session.FacilitatorKey, 1, Phase.Result);
        await page.Locator("[data-testid=phone-phase][data-phase=result]").WaitForAsync();
        await headlessResult.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(1000);

        var real = chromium.Batches;
        var mine = headless.Batches;
        output.WriteLine($"render batches (id: Chromium bytes / headless bytes): {string.Join(", ", real.Zip(mine).Select(p => $"{p.First.Id}: {p.First.Data.Length}/{p.Second.Bytes}"))}");
        output.WriteLine($"JS calls: {string.Join(", ", chromium.Calls.Select(c => $"{c.Handle} {c.Identifier} -> {c.Answer}"))}");
        Assert.Equal(real.Select(b => (b.Id, b.Data.Length)), mine.Select(b => (b.Id, b.Bytes)));
        // The same bytes, but for the participant's name.
        foreach (var (a, b) in real.Zip(mine))
        {
            Assert.Equal(Convert.ToHexString(Replace(a.Data, "Phone A", "Phone B")), Convert.ToHexString(b.Data!));
        }
        // Opening, then one batch for the phone's own dot and one for the result: none for the three other ballots.
        Assert.Equal(opened.Chromium + 2, real.Count);
        Assert.Equal(opened.Headless + 2, mine.Count);

        var realCalls = chromium.Calls;
        var myCalls = headless.JsCalls;
        Assert.Equal(realCalls.Select(c => (c.Handle, c.Identifier, c.ArgsJson)), myCalls.Select(c => (c.Handle, c.Identifier, c.ArgsJson)));
        Assert.All(realCalls.Zip(myCalls), pair =>
        {
            var (real, mine) = pair;
            Assert.True(real.Answer is not null, $"Chromium did not answer {real.Identifier}");
            if (real.Identifier == "localStorage.getItem")
            {
                // Each phone's own token.
                Assert.Equal(JsonSerializer.Serialize(room.PhoneTokens[0]), real.Answer);
                Assert.Equal(JsonSerializer.Serialize(room.PhoneTokens[1]), mine.Answer);
            }
            else
            {
                Assert.Equal(real.Answer, mine.Answer);
            }
        });
        Assert.Contains(myCalls, c => c.Identifier == "localStorage.getItem");
        Assert.Empty(headless.Errors);
    }

    private static byte[] Replace(byte[] data, string from, string to)
    {
        var text = Encoding.Latin1.GetString(data);
        return Encoding.Latin1.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(condition());
    }

    /// <summary>
    /// What a Chromium page's circuit receives and answers, read from the DevTools protocol's WebSocket frames and
    /// decoded as blazorpack (SignalR's MessagePack framing: a varint length, then a MessagePack array per message).
    /// </summary>
    private sealed class CircuitRecorder
    {
        private readonly Lock _gate = new();
        private readonly List<(long Id, byte[] Data)> _batches = [];
        private readonly List<(long Handle, string Identifier, string ArgsJson)> _calls = [];
        private readonly Dictionary<long, string> _answers = [];

        public IReadOnlyList<(long Id, byte[] Data)> Batches
        {
            get
            {
                lock (_gate)
                {
                    return [.. _batches];
                }
            }
        }

        public IReadOnlyList<(long Handle, string Identifier, string ArgsJson, string? Answer)> Calls
        {
            get
            {
                lock (_gate)
                {
                    return [.. _calls.Select(c => (c.Handle, c.Identifier, c.ArgsJson, _answers.GetValueOrDefault(c.Handle)))];
                }
            }
        }

        public static async Task<CircuitRecorder> StartAsync(IPage page)
        {
            var recorder = new CircuitRecorder();
            var cdp = await page.Context.NewCDPSessionAsync(page);
            cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => recorder.Read(e, received: true);
            cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => recorder.Read(e, received: false);
            await cdp.SendAsync("Network.enable");
            return recorder;
        }

        private void Read(JsonElement? frame, bool received)
        {
            var response = frame!.Value.GetProperty("response");
            if (response.GetProperty("opcode").GetInt32() != 2)
            {
                return;
            }
            var bytes = Convert.FromBase64String(response.GetProperty("payloadData").GetString()!);
            if (bytes.Length > 0 && bytes[0] == (byte)'{')
            {
                return; // The handshake's answer.
            }
            for (var position = 0; position < bytes.Length;)
            {
                var length = 0;
                var shift = 0;
                byte b;
                do
                {
                    b = bytes[position++];
                    length |= (b & 0x7f) << shift;
                    shift += 7;
                }
                while ((b & 0x80) != 0);
                var message = MessagePackSerializer.Deserialize<object[]>(bytes.AsMemory(position, length));
                position += length;
                // An invocation: [1, headers, invocationId, target, arguments, ...].
                if (Convert.ToInt32(message[0]) != 1)
                {
                    continue;
                }
                var target = (string)message[3];
                var args = (object[])message[4];
                lock (_gate)
                {
                    switch (target)
                    {
                        case "JS.RenderBatch" when received:
                            _batches.Add((Convert.ToInt64(args[0]), (byte[])args[1]));
                            break;
                        case "JS.BeginInvokeJS" when received:
                            _calls.Add((Convert.ToInt64(args[0]), (string)args[1], (string)args[2]));
                            break;
                        case "EndInvokeJSFromDotNet" when !received:
                            // "[handle,true,result]": the result part, as the headless phone records it.
                            using (var answer = JsonDocument.Parse((string)args[2]))
                            {
                                _answers[Convert.ToInt64(args[0])] = answer.RootElement[2].GetRawText();
                            }
                            break;
                    }
                }
            }
        }
    }
}
