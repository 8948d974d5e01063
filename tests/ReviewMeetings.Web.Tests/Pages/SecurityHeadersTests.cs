using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages;

/// <summary>The headers every response carries, checked on real Kestrel (the in-memory test server adds no Server header of its own).</summary>
public sealed class SecurityHeadersTests : AppTest
{
    internal override AppFactory CreateFactory(string connectionString)
    {
        var factory = base.CreateFactory(connectionString);
        factory.UseKestrel(0);
        return factory;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Factory.StartServer();
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/css/site.css")]
    [InlineData("/v")]
    public async Task Responses_do_not_name_the_server_and_deny_device_features(string path)
    {
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
        Assert.False(response.Headers.Contains("Server"));
        var policy = response.Headers.GetValues("Permissions-Policy").Single();
        Assert.Contains("camera=()", policy, StringComparison.Ordinal);
        Assert.Contains("microphone=()", policy, StringComparison.Ordinal);
        Assert.Contains("geolocation=()", policy, StringComparison.Ordinal);
        Assert.Contains("payment=()", policy, StringComparison.Ordinal);
        Assert.Contains("usb=()", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
