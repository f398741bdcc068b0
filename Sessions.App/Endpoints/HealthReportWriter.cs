using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sessions.App.Endpoints;

/// <summary>
/// `/healthz` as plain text: the overall status on the first line (what a load balancer or a person
/// reads first), then one line per check with what it found, so "Degraded" always says why.
/// </summary>
public static class HealthReportWriter
{
    public static readonly HealthCheckOptions Options = new() { ResponseWriter = WriteAsync };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder().Append(report.Status).Append('\n');
        foreach (var (name, entry) in report.Entries)
        {
            text.Append(name).Append(": ").Append(entry.Status);
            if (!string.IsNullOrEmpty(entry.Description))
            {
                text.Append(" - ").Append(entry.Description);
            }
            text.Append('\n');
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}
