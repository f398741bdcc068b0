namespace Sessions.Tests.Golden;

/// <summary>
/// Writes the seed session's report in every format to SESSIONS_REPORT_SAMPLES when that is set,
/// for people to open and look at (docs/report-*.png comes from the PDF). Checks that each is produced.
/// </summary>
public sealed class ReportSamples(SeedSession seed) : IClassFixture<SeedSession>
{
    [Fact]
    public async Task Every_format_of_the_seed_report_is_produced()
    {
        var folder = Environment.GetEnvironmentVariable("SESSIONS_REPORT_SAMPLES");
        foreach (var format in Sessions.Core.Reports.ReportService.Formats)
        {
            var file = await seed.Reports.RenderAsync(seed.Session.SessionId, seed.Session.FacilitatorKey, format, includeAllAnswers: true);
            Assert.True(file.Content.Length > 200, $"The {format} report is suspiciously small.");
            Assert.EndsWith("." + format, file.FileName, StringComparison.Ordinal);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
                await File.WriteAllBytesAsync(Path.Combine(folder, file.FileName), file.Content);
            }
        }
    }
}
