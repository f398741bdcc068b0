using System.Reflection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Sessions.App.SingleFile;

/// <summary>
/// The published web root (the app's scripts and styles, MudBlazor's, blazor.web.js and their compressed copies)
/// built into the single file as resources by SingleFile.targets, with the endpoints manifest that
/// <c>MapStaticAssets</c> reads. Only the single-file build carries it: its presence is what makes a run "the file
/// alone" (<see cref="SingleFileApp"/>).
/// </summary>
public sealed class EmbeddedWebRoot : IFileProvider
{
    public const string ManifestResource = "webroot.endpoints.json";
    private const string Prefix = "webroot/";

    private readonly Assembly _assembly;
    private readonly HashSet<string> _files;

    private EmbeddedWebRoot(Assembly assembly)
    {
        _assembly = assembly;
        _files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The web root built into <paramref name="assembly"/>, or null when it has none (every build but the single file).</summary>
    public static EmbeddedWebRoot? In(Assembly assembly) =>
        assembly.GetManifestResourceInfo(ManifestResource) is null ? null : new EmbeddedWebRoot(assembly);

    public int Count => _files.Count;

    public IFileInfo GetFileInfo(string subpath)
    {
        var path = subpath.TrimStart('/');
        return _files.Contains(path)
            ? new ResourceFile(_assembly, Prefix + path, Path.GetFileName(path))
            : new NotFoundFileInfo(subpath);
    }

    // MapStaticAssets asks for files by the paths its manifest names; it never lists folders.
    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    /// <summary>
    /// Writes the endpoints manifest to a file of its own in <paramref name="folder"/>: MapStaticAssets reads it from a path,
    /// once, while the endpoints are mapped. The caller deletes it afterwards.
    /// </summary>
    public string WriteManifest(string folder)
    {
        var path = Path.Combine(folder, $"sessions-{Environment.ProcessId}-{Guid.NewGuid():N}.staticwebassets.endpoints.json");
        using var source = _assembly.GetManifestResourceStream(ManifestResource)!;
        using var target = File.Create(path);
        source.CopyTo(target);
        return path;
    }

    private sealed class ResourceFile(Assembly assembly, string resource, string name) : IFileInfo
    {
        private long _length = -1;

        public bool Exists => true;

        public long Length
        {
            get
            {
                if (_length < 0)
                {
                    using var stream = CreateReadStream();
                    _length = stream.Length;
                }
                return _length;
            }
        }

        public string? PhysicalPath => null;

        public string Name => name;

        // The manifest carries each asset's Last-Modified and ETag; this one is never sent.
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;

        public bool IsDirectory => false;

        public Stream CreateReadStream() =>
            assembly.GetManifestResourceStream(resource) ?? throw new FileNotFoundException($"The built-in file {resource} is missing.", resource);
    }
}
