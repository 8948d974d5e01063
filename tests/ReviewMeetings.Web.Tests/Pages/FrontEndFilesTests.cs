using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;

namespace ReviewMeetings.Web.Tests.Pages;

/// <summary>The files under wwwroot: first-party scripts in strict mode, vendored libraries listed with their versions.</summary>
public sealed partial class FrontEndFilesTests
{
    private static readonly string WebRoot = FindWebRoot();

    private static string Lib => Path.Combine(WebRoot, "lib");

    [Fact]
    public void Every_first_party_script_starts_in_strict_mode()
    {
        var scripts = Directory.GetFiles(Path.Combine(WebRoot, "js"), "*.js", SearchOption.AllDirectories);

        var sloppy = scripts
            .Where(file => File.ReadLines(file).SkipWhile(line => line.StartsWith("//", StringComparison.Ordinal) || line.Trim().Length == 0).FirstOrDefault() != "\"use strict\";")
            .Select(Path.GetFileName)
            .ToList();

        Assert.True(scripts.Length >= 10, $"Only {scripts.Length} scripts found.");
        Assert.Empty(sloppy);
    }

    [Fact]
    public void Every_vendored_file_is_listed_in_the_manifest()
    {
        var listed = Manifest().SelectMany(library => library.Files).ToHashSet(StringComparer.Ordinal);

        var files = Directory.GetFiles(Lib, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Lib, file).Replace('\\', '/'))
            .Where(file => file != "MANIFEST.md")
            .ToList();

        var unlisted = files.Where(file => !listed.Contains(file)).ToList();
        var missing = listed.Where(file => !files.Contains(file)).ToList();

        Assert.NotEmpty(files);
        Assert.Empty(unlisted);
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("bootstrap", "bootstrap/css/bootstrap.min.css", @"Bootstrap\s+v(\d+\.\d+\.\d+)")]
    [InlineData("bootstrap", "bootstrap/js/bootstrap.bundle.min.js", @"Bootstrap\s+v(\d+\.\d+\.\d+)")]
    [InlineData("sortablejs", "sortablejs/Sortable.min.js", @"Sortable (\d+\.\d+\.\d+)")]
    [InlineData("signalr", "signalr/signalr.min.js", "\"(\\d+\\.\\d+\\.\\d+)\"")]
    public void Manifest_versions_are_the_files_own(string folder, string file, string versionPattern)
    {
        var library = Manifest().Single(l => l.Folder == folder);

        var versions = Regex.Matches(File.ReadAllText(Path.Combine(Lib, file)), versionPattern).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Equal([library.Version], versions);
    }

    [Fact]
    public void SignalR_client_is_at_the_servers_major_and_minor_version()
    {
        var server = typeof(Hub).Assembly.GetName().Version!;

        var client = Version.Parse(Manifest().Single(l => l.Package == "@microsoft/signalr").Version);

        Assert.Equal((server.Major, server.Minor), (client.Major, client.Minor));
    }

    private sealed record Library(string Folder, string Package, string Version, IReadOnlyList<string> Files);

    /// <summary>The rows of wwwroot/lib/MANIFEST.md's table: folder, npm package, version, license, files.</summary>
    private static List<Library> Manifest() =>
        [.. File.ReadLines(Path.Combine(Lib, "MANIFEST.md"))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => new Library(
                cells[1].Trim('`'),
                cells[2].Trim('`'),
                cells[3],
                [.. Target().Matches(cells[5]).Select(m => m.Groups[1].Value)]))];

    [GeneratedRegex("→ `([^`]+)`")]
    private static partial Regex Target();

    private static string FindWebRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var root = Path.Combine(folder.FullName, "src", "ReviewMeetings.Web", "wwwroot");
            if (Directory.Exists(root))
            {
                return root;
            }
        }

        throw new InvalidOperationException("src/ReviewMeetings.Web/wwwroot not found above " + AppContext.BaseDirectory);
    }
}
