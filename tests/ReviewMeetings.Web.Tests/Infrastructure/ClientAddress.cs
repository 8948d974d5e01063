using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>
/// The in-memory test server has no client addresses; a test that needs several (sign-in throttling) names one per
/// session in this header, and the test host turns it into the connection's remote address.
/// </summary>
internal sealed class ClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public static void Use(Session session, string address)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Client.DefaultRequestHeaders.Remove(Header);
        session.Client.DefaultRequestHeaders.Add(Header, address);
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers[Header] is [{ } address])
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            }

            return nextMiddleware();
        });
        next(app);
    };
}
