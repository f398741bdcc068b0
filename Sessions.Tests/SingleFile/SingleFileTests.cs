using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Sessions.Tests.SingleFile;

/// <summary>
/// The self-contained single file alone: no .NET beside it, no appsettings.json, no wwwroot, an empty environment.
/// It must start, serve every static asset from inside itself, keep its database in the user's data folder and run a
/// whole join. Publishing takes a few minutes: its own category, <c>--filter Category=SingleFile</c>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Trait("Category", "SingleFile")]
[Collection(SingleFileCollection.Name)]
public sealed partial class SingleFileTests(SingleFilePublish published, ITestOutputHelper log) : IClassFixture<SingleFilePublish>
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_file_alone_serves_its_assets_keeps_its_data_in_the_users_folder_and_runs_a_whole_join()
    {
        using var app = await LoneProcess.StartAsync(published.Executable);
        log.WriteLine($"publish {published.PublishTime.TotalSeconds:F1} s; file {new FileInfo(published.Executable).Length:N0} bytes; " +
            $"start to /healthz {app.StartTime.TotalSeconds:F1} s, {app.StartCpu.TotalSeconds:F1} s of CPU");
        using var http = new HttpClient { BaseAddress = app.Url };

        // Built-in settings and the laptop defaults: the database went to the user's data folder and the start-up text says so.
        var database = Path.Combine(app.Home, ".local", "share", "Sessions", "sessions.db");
        var output = await app.WaitForOutputAsync("To stop:");
        Assert.True(File.Exists(database), $"no database at {database}:\n{output}");
        Assert.Contains($"Data:                 {database}", output, StringComparison.Ordinal);
        Assert.Contains($"On this computer:     http://localhost:{app.Port}/", output, StringComparison.Ordinal);
        Assert.Contains("Phones in the room:", output, StringComparison.Ordinal);
        Assert.Contains("not opened here: there is no display", output, StringComparison.Ordinal);

        // The phone's page links the fingerprinted assets of the built-in manifest, and each is served from inside the file.
        var session = await PostAsync<JsonElement>(http, "/api/sessions", new { title = "Alone", questions = new[] { "What works?" } }, HttpStatusCode.Created);
        var joinCode = session.GetProperty("joinCode").GetString()!;
        var page = await http.GetStringAsync(new Uri($"/join/{joinCode}", UriKind.Relative));
        var mudCss = Assert.Single(MudBlazorCss().Matches(page)).Groups[1].Value;
        var blazorJs = Assert.Single(BlazorWebJs().Matches(page)).Groups[1].Value;
        await AssertAssetAsync(http, mudCss, "text/css", ".mud-button");
        await AssertAssetAsync(http, "_content/MudBlazor/MudBlazor.min.css", "text/css", ".mud-button");
        await AssertAssetAsync(http, blazorJs, "text/javascript", "Blazor");
        await AssertAssetAsync(http, "_framework/blazor.web.js", "text/javascript", "Blazor");
        await AssertAssetAsync(http, "app.css", "text/css", "");
        await AssertAssetAsync(http, "outbox.js", "text/javascript", "");
        using (var compressed = new HttpRequestMessage(HttpMethod.Get, new Uri("_content/MudBlazor/MudBlazor.min.css", UriKind.Relative)))
        {
            compressed.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            using var response = await http.SendAsync(compressed);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("br", response.Content.Headers.ContentEncoding);
        }

        // A whole join: a participant joins with the code and answers, and the session shows the answer.
        var joined = await PostAsync<JsonElement>(http, $"/api/sessions/{joinCode}/participants", new { name = "Ann", mayBeNamed = true }, HttpStatusCode.Created);
        var token = joined.GetProperty("participantToken").GetString()!;
        using (var answer = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/sessions/{joinCode}/questions/1/answers", UriKind.Relative))
        {
            Content = JsonContent.Create(new { text = "A laptop and a Wi-Fi", clientRequestId = "one" }),
        })
        {
            answer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(answer);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        var state = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/sessions/{joinCode}", UriKind.Relative), s_json);
        var answers = state.GetProperty("questions")[0].GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToList();
        Assert.Contains("A laptop and a Wi-Fi", answers);

        // Nothing was put beside the file: everything it keeps is in the user's folders.
        Assert.Equal(["Sessions.App"], Directory.GetFileSystemEntries(app.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task On_a_desktop_the_file_opens_the_start_page_in_the_default_browser()
    {
        // A display and a stand-in for xdg-open that writes down what it was asked to open.
        var bin = Path.Combine(Path.GetTempPath(), $"sessions-opener-{Guid.NewGuid():N}");
        Directory.CreateDirectory(bin);
        var opened = Path.Combine(bin, "opened.txt");
        var opener = Path.Combine(bin, "xdg-open");
        await File.WriteAllTextAsync(opener, $"#!/bin/sh\necho \"$1\" >> '{opened}'\n");
        File.SetUnixFileMode(opener, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            using var app = await LoneProcess.StartAsync(published.Executable, new Dictionary<string, string> { ["DISPLAY"] = ":0", ["PATH"] = bin });
            var output = await app.WaitForOutputAsync("To stop:");
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!File.Exists(opened) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            Assert.True(File.Exists(opened), $"xdg-open was not called:\n{output}");
            Assert.Equal($"http://localhost:{app.Port}/", (await File.ReadAllTextAsync(opened)).Trim());
            Assert.DoesNotContain("not opened here", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_copy_on_the_same_data_points_to_the_first_and_leaves_it_alone()
    {
        using var first = await LoneProcess.StartAsync(published.Executable);
        await first.WaitForOutputAsync("To stop:");

        var (exitCode, output) = await LoneProcess.RunUntilExitAsync(published.Executable, home: first.Home);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
        Assert.Contains("Sessions is already running on this computer", output, StringComparison.Ordinal);
        Assert.Contains($"open http://localhost:{first.Port}/ in a browser", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = first.Url };
        using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_broken_settings_file_beside_it_is_named_in_a_sentence_without_a_stack_trace()
    {
        var (exitCode, output) = await LoneProcess.RunUntilExitAsync(published.Executable,
            besideTheFile: new Dictionary<string, string> { ["appsettings.json"] = "{ \"Sessions\": " });

        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains("Sessions could not start:", output, StringComparison.Ordinal);
        Assert.Contains("appsettings.json", output, StringComparison.Ordinal);
        Assert.Contains("Check the settings", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static async Task AssertAssetAsync(HttpClient http, string path, string contentType, string contains)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Length > 0, $"{path} is empty");
        Assert.Contains(contains, body, StringComparison.Ordinal);
    }

    private static async Task<T> PostAsync<T>(HttpClient http, string path, object body, HttpStatusCode expected)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, s_json);
        Assert.True(response.StatusCode == expected, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(s_json))!;
    }

    [GeneratedRegex("href=\"(_content/MudBlazor/MudBlazor\\.min\\.[a-z0-9]+\\.css)\"")]
    private static partial Regex MudBlazorCss();

    [GeneratedRegex("src=\"(_framework/blazor\\.web\\.[a-z0-9]+\\.js)\"")]
    private static partial Regex BlazorWebJs();
}
