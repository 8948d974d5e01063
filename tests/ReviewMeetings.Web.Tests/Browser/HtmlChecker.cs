using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>
/// The Nu Html Checker (vnu, from npm's vnu-jar in tests/tools) as an HTTP service on 127.0.0.1: started once per
/// test process when the first page is checked, shared by all tests, stopped when the process ends (ExitGuard). Identical
/// pages are checked once. The JVM compiles with C1 only and collects with the serial collector: the service checks a
/// few hundred pages, far too few for C2's optimising compiler to repay its CPU time (it took more than the checking).
/// </summary>
internal static class HtmlChecker
{
    private static readonly Lazy<Task<Uri>> Service = new(StartAsync);
    private static readonly ConcurrentDictionary<string, Task<IReadOnlyList<string>>> Checked = new();
    private static readonly HttpClient Client = CreateClient();
    private static Process? _process;

    /// <summary>The errors (not warnings) in the page, each as "line N: message".</summary>
    public static Task<IReadOnlyList<string>> ErrorsAsync(string html)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(html)));
        return Checked.GetOrAdd(key, _ => CheckAsync(html));
    }

    private static async Task<IReadOnlyList<string>> CheckAsync(string html)
    {
        var service = await Service.Value;
        using var content = new StringContent(html, Encoding.UTF8, "text/html");
        using var response = await Client.PostAsync(new Uri(service, "?out=json"), content);
        response.EnsureSuccessStatusCode();
        var report = await response.Content.ReadFromJsonAsync<Report>() ?? throw new InvalidOperationException("vnu returned no report.");
        return [.. report.Messages
            .Where(m => m.Type is "error" or "non-document-error")
            .Select(m => $"line {m.LastLine}: {m.Message}")];
    }

    private static async Task<Uri> StartAsync()
    {
        var jar = JarPath();
        var port = FreePort();
        var start = new ProcessStartInfo(JavaPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dnu.validator.servlet.bind-address=127.0.0.1", "-cp", jar, "nu.validator.servlet.Main", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start java for the Nu Html Checker.");
        var log = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        // Only while that process id is still the checker's: an early exit would free the id for another process.
        Infrastructure.ExitGuard.Run(
            "/bin/sh", "-c", "grep -q nu.validator /proc/$1/cmdline 2>/dev/null && kill $1", "kill-checker", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var service = new Uri($"http://127.0.0.1:{port}/");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The Nu Html Checker (java -cp {jar} nu.validator.servlet.Main) exited with code {process.ExitCode}.");
            }

            try
            {
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var probe = await Client.GetAsync(service, wait.Token);
                return service;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Stop();
        throw new InvalidOperationException("The Nu Html Checker did not start listening within two minutes. Its output:\n" + string.Join('\n', log.TakeLast(20)));
    }

    private static HttpClient CreateClient()
    {
        var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        // The checker answers a request without a User-Agent with 400.
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ReviewMeetings.Web.Tests");
        return client;
    }

    private static void Stop()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>VNU_JAR, else tests/tools/node_modules/vnu-jar/build/dist/vnu.jar above the test binaries.</summary>
    private static string JarPath()
    {
        if (Environment.GetEnvironmentVariable("VNU_JAR") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"VNU_JAR names {configured}, which does not exist.");
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var jar = Path.Combine(folder.FullName, "tests", "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
            if (File.Exists(jar))
            {
                return jar;
            }
        }

        throw new InvalidOperationException(
            "The Nu Html Checker (vnu.jar) is missing, so the HTML of the pages cannot be validated. "
            + "Run `npm ci --no-audit --no-fund --ignore-scripts` in tests/tools (scripts/test.sh does it), or set VNU_JAR.");
    }

    private static string JavaPath()
    {
        var home = Environment.GetEnvironmentVariable("JAVA_HOME");
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(home))
        {
            candidates.Add(Path.Combine(home, "bin", "java"));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(p => Path.Combine(p, "java")));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "Java is missing, so the Nu Html Checker cannot validate the HTML of the pages. "
                + "Install a Java runtime (apt-get install -y default-jre-headless) or set JAVA_HOME.");
    }

    private sealed record Report([property: JsonPropertyName("messages")] IReadOnlyList<Finding> Messages);

    private sealed record Finding(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("lastLine")] int? LastLine,
        [property: JsonPropertyName("message")] string Message);
}
