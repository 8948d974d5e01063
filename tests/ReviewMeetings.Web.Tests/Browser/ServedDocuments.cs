using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>
/// Keeps the HTML of every page the browser loads as a document (navigations and form posts, whatever the tab or
/// context), exactly as the app sent it, so <see cref="HtmlChecker"/> can validate it after the test.
/// </summary>
internal sealed class ServedDocuments : IStartupFilter
{
    private readonly ConcurrentQueue<(string Url, string Html)> _documents = new();

    public IReadOnlyList<(string Url, string Html)> Received => [.. _documents];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            // Chromium names what a request is for; scripts' fetches ("empty") and images are not documents.
            if (context.Request.Headers["Sec-Fetch-Dest"] != "document")
            {
                await nextMiddleware();
                return;
            }

            var original = context.Response.Body;
            await using var copy = new MemoryStream();
            context.Response.Body = new TeeStream(original, copy);
            try
            {
                await nextMiddleware();
            }
            finally
            {
                context.Response.Body = original;
            }

            if (context.Response.StatusCode == StatusCodes.Status200OK
                && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                var request = context.Request;
                _documents.Enqueue(($"{request.Method} {request.Path}{request.QueryString}", System.Text.Encoding.UTF8.GetString(copy.ToArray())));
            }
        });
        next(app);
    };

    /// <summary>Writes through to the client and keeps a copy.</summary>
    private sealed class TeeStream(Stream target, MemoryStream copy) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => target.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => target.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            copy.Write(buffer, offset, count);
            target.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            copy.Write(buffer.Span);
            await target.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
