namespace Sessions.Core.Reports;

/// <summary>One output format of the report.</summary>
public interface IReportWriter
{
    /// <summary>The file extension that names the format: md, html, pdf, docx, csv, xlsx.</summary>
    string Format { get; }

    string ContentType { get; }

    void Write(ReportModel report, Stream output);
}
