namespace Sessions.App.SingleFile;

public static class StaticAssetsSetup
{
    /// <summary>
    /// <c>MapStaticAssets</c> from the files beside the app, or in the single file from its built-in web root.
    /// Returns the manifest path it mapped (null: the default beside the app), for <c>WithStaticAssets</c> on the
    /// Razor components, whose <c>@Assets[...]</c>, preloads and import map come from the same manifest.
    /// </summary>
    public static string? MapSessionsStaticAssets(this WebApplication app)
    {
        if (EmbeddedWebRoot.In(typeof(StaticAssetsSetup).Assembly) is not { } webRoot)
        {
            app.MapStaticAssets();
            return null;
        }
        app.Environment.WebRootFileProvider = webRoot;
        var manifest = webRoot.WriteManifest(Path.GetTempPath());
        try
        {
            // Read here, once; afterwards the path is only the name the Razor components look the assets up by.
            app.MapStaticAssets(manifest);
        }
        finally
        {
            File.Delete(manifest);
        }
        return manifest;
    }
}
