using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// Reads a signed-in user's multipart form so that an oversized file never costs the typed fields: every field is
/// kept, each file only up to one byte past the largest file limit (the rest is read and dropped), so the page sees a
/// file over its limit and answers next to the field. The framework's reader would instead fail the whole request
/// with a 400 (form limit) or 413 (Kestrel limit) and the user would lose what they typed.
/// </summary>
internal static class UploadForms
{
    /// <summary>A body larger than this still ends in the error page; below it, any file size gets its message on the form.</summary>
    public const long MaxRequestBytes = 1L << 30;

    public static WebApplication UseUploadForms(this WebApplication app, long fileLimit)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method)
                && context.User.Identity?.IsAuthenticated == true
                && context.GetEndpoint() is not null
                && MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
                && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                && HeaderUtilities.RemoveQuotes(type.Boundary) is { Length: > 0 and <= 200 } boundary)
            {
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = MaxRequestBytes;
                }

                var options = context.RequestServices.GetRequiredService<IOptions<FormOptions>>().Value;
                var form = await ReadAsync(context, boundary.ToString(), fileLimit + 1, options);
                context.Features.Set<IFormFeature>(new FormFeature(form));
            }

            await next(context);
        });
        return app;
    }

    private static async Task<FormCollection> ReadAsync(HttpContext context, string boundary, long keptFileBytes, FormOptions options)
    {
        var fields = new KeyValueAccumulator();
        var files = new FormFileCollection();
        var reader = new MultipartReader(boundary, context.Request.Body) { HeadersLengthLimit = options.MultipartHeadersLengthLimit, BodyLengthLimit = null };
        var count = 0;
        while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
        {
            if (++count > options.ValueCountLimit)
            {
                throw new InvalidDataException($"Form value count limit {options.ValueCountLimit} exceeded.");
            }

            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition() && !disposition.IsFileDisposition())
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
            if (disposition.IsFileDisposition())
            {
                var buffer = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                context.Response.RegisterForDisposeAsync(buffer);
                var kept = await KeepAsync(section.Body, buffer, keptFileBytes, context.RequestAborted);
                buffer.Position = 0;
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).ToString();
                files.Add(new FormFile(buffer, 0, kept, name, fileName) { Headers = new HeaderDictionary(section.Headers) });
            }
            else
            {
                using var text = new StreamReader(section.Body, leaveOpen: true);
                var value = new char[options.ValueLengthLimit + 1];
                var read = await text.ReadBlockAsync(value, context.RequestAborted);
                if (read > options.ValueLengthLimit)
                {
                    throw new InvalidDataException($"Form value length limit {options.ValueLengthLimit} exceeded.");
                }

                fields.Append(name, new string(value, 0, read));
            }
        }

        return new FormCollection(fields.HasValues ? fields.GetResults() : null, files);
    }

    /// <summary>Copies up to <paramref name="limit"/> bytes and reads past the rest, so an oversized file is measured, not stored.</summary>
    private static async Task<long> KeepAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        long kept = 0;
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            var take = (int)Math.Min(read, limit - kept);
            if (take > 0)
            {
                await target.WriteAsync(chunk.AsMemory(0, take), cancellationToken);
                kept += take;
            }
        }

        return kept;
    }
}
