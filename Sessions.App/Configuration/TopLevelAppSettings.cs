using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Sessions.App.Configuration;

public static class TopLevelAppSettings
{
    /// <summary>
    /// The repository keeps one appsettings.json at its top level; the build copies it beside the app.
    /// Read that copy in the place of the content root's appsettings.json, so environment variables and
    /// the command line still override it the usual way.
    /// </summary>
    public static void UseTopLevelAppSettings(this ConfigurationManager configuration)
    {
        var sources = configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        var topLevel = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        if (index >= 0)
        {
            sources[index] = topLevel;
        }
        else
        {
            sources.Insert(0, topLevel);
        }
    }
}
