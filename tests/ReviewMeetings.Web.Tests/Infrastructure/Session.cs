using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Io;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>A signed-in (or anonymous) browser stand-in: reads pages with AngleSharp and submits their real forms, antiforgery token included.</summary>
public sealed class Session(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public async Task<IHtmlDocument> GetAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await ParseAsync(response);
    }

    public async Task<HttpStatusCode> StatusOfAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        return response.StatusCode;
    }

    /// <summary>Loads <paramref name="url"/>, fills the form matched by <paramref name="formSelector"/> and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(
        string url, string formSelector, Dictionary<string, string> values, string? submitterSelector = null)
    {
        var page = await GetAsync(url);
        return await SubmitAsync(page, formSelector, values, submitterSelector);
    }

    public async Task<HttpResponseMessage> SubmitAsync(
        IHtmlDocument page, string formSelector, Dictionary<string, string> values, string? submitterSelector = null, string? accept = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(values);
        var form = page.QuerySelectorAll(formSelector).OfType<IHtmlFormElement>().FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No POST form matches '{formSelector}' on {page.Url}.");
        foreach (var (name, value) in values)
        {
            Fill(form, name, value);
        }

        var submitter = submitterSelector is null
            ? form.QuerySelector<IHtmlButtonElement>("button[type=submit]:not([formaction])") ?? form.QuerySelector<IHtmlButtonElement>("button[type=submit]")
            : form.QuerySelector<IHtmlButtonElement>(submitterSelector) ?? throw new InvalidOperationException($"No button '{submitterSelector}'.");
        var submission = (submitter is null ? form.GetSubmission() : form.GetSubmission(submitter)) ?? throw new InvalidOperationException("The form cannot be submitted.");
        using var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Post, new Uri(submission.Target.Href));
        using var body = new MemoryStream();
        await submission.Body.CopyToAsync(body);
        request.Content = new ByteArrayContent(body.ToArray());
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(submission.Headers[HeaderNames.ContentType]);
        if (accept is not null)
        {
            // Background requests from the page's scripts ask for JSON.
            request.Headers.Accept.ParseAdd(accept);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Submits a multipart form with a file, the way a browser uploads one; the other fields come from the page.</summary>
    public async Task<HttpResponseMessage> UploadAsync(
        IHtmlDocument page, string formSelector, Dictionary<string, string> values, UploadFile? file, (string Name, string Value)? submitter = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(values);
        var form = page.QuerySelectorAll(formSelector).OfType<IHtmlFormElement>().First();
        using var content = new MultipartFormDataContent();
        var fields = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            switch (element)
            {
                case IHtmlInputElement { Type: "file" or "submit" }:
                case IHtmlInputElement { Type: "checkbox", IsChecked: false }:
                case IHtmlButtonElement:
                    break;
                case IHtmlInputElement input when name is not null:
                    fields.TryAdd(name, input.Value);
                    break;
                case IHtmlTextAreaElement textArea when name is not null:
                    fields[name] = textArea.Value;
                    break;
                case IHtmlSelectElement select when name is not null:
                    fields[name] = select.Value ?? "";
                    break;
            }
        }

        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }

        if (submitter is { } button)
        {
            fields[button.Name] = button.Value;
        }

        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (file is not null)
        {
            var bytes = new ByteArrayContent(file.Bytes);
            bytes.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            content.Add(bytes, file.Field, file.FileName);
        }

        // Resolved from the attribute: AngleSharp's Action property mangles an action with a query string (?handler=…).
        var action = form.GetAttribute("action");
        return await Client.PostAsync(string.IsNullOrEmpty(action) ? new Uri(page.Url) : new Uri(new Uri(page.Url), action), content);
    }

    /// <summary>Submits and, on a redirect, loads the page it leads to (as a browser would).</summary>
    /// <summary>
    /// Submits a form whose step asks for confirmation, the way a user without script does: the first post gets the
    /// confirmation page, and its 确定 button posts again. Fails when no confirmation page came.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitConfirmedAsync(
        string url, string formSelector, Dictionary<string, string> values, string? submitterSelector = null)
    {
        using var first = await SubmitAsync(url, formSelector, values, submitterSelector);
        return await ConfirmAsync(first);
    }

    /// <summary>Presses 确定 on the confirmation page <paramref name="response"/> shows; fails when it is not one.</summary>
    public async Task<HttpResponseMessage> ConfirmAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var page = await ParseAsync(response);
        if (response.StatusCode != HttpStatusCode.OK || page.QuerySelector("form input[name=confirmed][value=true]") is null)
        {
            throw new InvalidOperationException($"Expected a confirmation page, got {(int)response.StatusCode}: {page.QuerySelector("main")?.TextContent.Trim()}");
        }

        return await SubmitAsync(page, "form:has(input[name=confirmed])", []);
    }

    public async Task<IHtmlDocument> SubmitAndFollowAsync(
        string url, string formSelector, Dictionary<string, string> values, string? submitterSelector = null)
    {
        using var response = await SubmitAsync(url, formSelector, values, submitterSelector);
        return await FollowAsync(response);
    }

    public async Task<IHtmlDocument> FollowAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return await GetAsync(response.Headers.Location!.OriginalString);
        }

        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var url = response.RequestMessage!.RequestUri!.ToString();
        return (IHtmlDocument)await context.OpenAsync(r => r.Content(html).Address(url));
    }

    public void Dispose() => Client.Dispose();

    private static void Fill(IHtmlFormElement form, string name, string value)
    {
        var radios = form.Elements.OfType<IHtmlInputElement>().Where(e => e.Type == "radio" && e.Name == name).ToList();
        if (radios.Count > 0)
        {
            var chosen = radios.SingleOrDefault(r => r.Value == value) ?? throw new InvalidOperationException($"No option '{value}' for '{name}'.");
            radios.ForEach(r => r.IsChecked = r == chosen);
            return;
        }

        var element = form.Elements.FirstOrDefault(e => e.GetAttribute("name") == name && !(e is IHtmlInputElement { Type: "hidden" } && form.Elements.Any(o => o != e && o.GetAttribute("name") == name)))
            ?? throw new InvalidOperationException($"The form has no field '{name}'.");
        switch (element)
        {
            case IHtmlInputElement { Type: "checkbox" } checkbox:
                checkbox.IsChecked = value is "true" or "on";
                break;
            case IHtmlInputElement input:
                input.Value = value;
                break;
            case IHtmlSelectElement select:
                select.Value = value;
                if (select.Value != value)
                {
                    // Posting a value the page does not offer, as an attacker (or a stale page) would.
                    var option = (IHtmlOptionElement)form.Owner!.CreateElement("option");
                    option.Value = value;
                    select.AddOption(option);
                    select.Value = value;
                }

                break;
            case IHtmlTextAreaElement textArea:
                textArea.Value = value;
                break;
            default:
                throw new InvalidOperationException($"Cannot fill '{name}'.");
        }
    }
}

public sealed record UploadFile(string Field, string FileName, byte[] Bytes, string ContentType = "application/octet-stream");
