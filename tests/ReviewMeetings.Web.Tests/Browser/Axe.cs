using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>
/// Runs axe-core (the copy inside Deque.AxeCore.Commons) in a page and reports the serious and critical violations.
/// The test host serves the script at <see cref="ScriptPath"/> with a long cache lifetime, so Chromium loads and
/// compiles it once per browser context rather than once per scan, and only the violations cross back to .NET:
/// Deque's <c>RunAxe</c> re-sent the 650 KB script and every passing check on each call, about 5 s a scan. Only the
/// top document is scanned: the app's one frame shows a PDF, which axe cannot enter anyway.
/// </summary>
internal static class Axe
{
    /// <summary>Where the test host serves axe-core; same origin, so the app's <c>script-src 'self'</c> allows it.</summary>
    public const string ScriptPath = "/__tests/axe.min.js";

    private static readonly Lazy<byte[]> Script = new(() =>
    {
        using var stream = typeof(Deque.AxeCore.Commons.AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is missing from Deque.AxeCore.Commons.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    // Runs in the page once its CSS transitions have ended (a scan right after a click would otherwise judge a
    // button's colours halfway through its hover transition; endless ones such as a spinner are not waited for,
    // nor anything for more than 2 s): axe's default rules (plus target-size when asked),
    // violations only, reduced to what a failure message names.
    private const string Run = """
        async (targetSize) => {
          const settled = Promise.all(document.getAnimations()
            .filter(a => a.effect?.getComputedTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => null)));
          await Promise.race([settled, new Promise(resolve => setTimeout(resolve, 2000))]);
          const options = { resultTypes: ['violations'] };
          if (targetSize) options.rules = { 'target-size': { enabled: true } };
          const result = await window.axe.run(document, options);
          return JSON.stringify(result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              nodes: v.nodes.map(n => ({
                target: n.target.join(' '),
                reason: [...n.any, ...n.all, ...n.none].map(c => c.message).find(m => m) ?? null,
              })),
            })));
        }
        """;

    /// <summary>The serious and critical violations on the page as it is now.</summary>
    public static async Task<IReadOnlyList<Violation>> SeriousViolationsAsync(IPage page, bool targetSize = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new() { Url = ScriptPath });
        }

        return JsonSerializer.Deserialize<Violation[]>(await page.EvaluateAsync<string>(Run, targetSize))
            ?? throw new InvalidOperationException("axe returned nothing.");
    }

    /// <summary>A failure message naming the page, each rule and the offending elements.</summary>
    public static string Describe(string url, IReadOnlyList<Violation> violations)
    {
        var text = new StringBuilder($"axe found {violations.Count} serious or critical accessibility violation(s) on {url}:");
        foreach (var violation in violations)
        {
            text.Append("\n- ").Append(violation.Id).Append(" (").Append(violation.Impact).Append("): ").Append(violation.Help);
            foreach (var node in violation.Nodes)
            {
                text.Append("\n    ").Append(node.Target).Append(node.Reason is null ? "" : " — " + node.Reason);
            }
        }

        return text.ToString();
    }

    /// <summary>Serves the script to the browser from the app under test.</summary>
    public sealed class ScriptFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != ScriptPath)
                {
                    await nextMiddleware();
                    return;
                }

                context.Response.ContentType = "text/javascript; charset=utf-8";
                context.Response.Headers.CacheControl = "public, max-age=86400, immutable";
                await context.Response.Body.WriteAsync(Script.Value);
            });
            next(app);
        };
    }

    internal sealed record Violation(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("impact")] string Impact,
        [property: JsonPropertyName("help")] string Help,
        [property: JsonPropertyName("nodes")] IReadOnlyList<Node> Nodes);

    internal sealed record Node(
        [property: JsonPropertyName("target")] string Target,
        [property: JsonPropertyName("reason")] string? Reason);
}
