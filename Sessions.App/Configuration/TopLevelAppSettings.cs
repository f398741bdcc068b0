using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Sessions.App.Configuration;

public static class TopLevelAppSettings
{
    /// <summary>The copy of appsettings.json built into the app (Sessions.App.csproj).</summary>
    public const string BuiltInResource = "appsettings.json";

    /// <summary>
    /// The repository keeps one appsettings.json at its top level; the build copies it beside the app.
    /// Read that copy in the place of the content root's appsettings.json, so environment variables and
    /// the command line still override it the usual way. With no file beside the app (the single file,
    /// alone), the same settings come from the copy built into the app.
    /// </summary>
    public static void UseTopLevelAppSettings(this ConfigurationManager configuration) =>
        configuration.UseTopLevelAppSettings(AppContext.BaseDirectory);

    public static void UseTopLevelAppSettings(this ConfigurationManager configuration, string folder)
    {
        var sources = configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        IConfigurationSource topLevel = File.Exists(Path.Combine(folder, "appsettings.json"))
            ? new JsonConfigurationSource
            {
                Path = "appsettings.json",
                Optional = true,
                ReloadOnChange = false,
                FileProvider = new PhysicalFileProvider(folder),
            }
            : new BuiltInSettingsSource();
        if (index >= 0)
        {
            sources[index] = topLevel;
        }
        else
        {
            sources.Insert(0, topLevel);
        }
    }

    /// <summary>Opens the built-in copy afresh each time the configuration builds its providers (a stream is read once).</summary>
    private sealed class BuiltInSettingsSource : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) =>
            new JsonStreamConfigurationSource
            {
                Stream = typeof(TopLevelAppSettings).Assembly.GetManifestResourceStream(BuiltInResource)
                    ?? throw new InvalidOperationException($"The built-in {BuiltInResource} is missing from the app."),
            }.Build(builder);
    }
}
