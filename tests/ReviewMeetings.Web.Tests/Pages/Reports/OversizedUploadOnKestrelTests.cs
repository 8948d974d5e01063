using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Reports;

/// <summary>On real Kestrel, whose request-size limit the in-memory test server does not apply.</summary>
public sealed class OversizedUploadOnKestrelTests : AppTest
{
    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 1);

    internal override AppFactory CreateFactory(string connectionString)
    {
        var factory = new AppFactory(connectionString, settings: new Dictionary<string, string> { ["Uploads:MaxMegabytes"] = "1", ["Uploads:EvidenceMaxMegabytes"] = "1" },
            services: services => services.AddSingleton<TimeProvider>(_clock));
        factory.UseKestrel(0);
        return factory;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Factory.StartServer();
    }

    [Fact]
    public async Task File_far_over_the_request_limit_comes_back_as_a_message_next_to_the_field_with_the_text_kept()
    {
        var meeting = await DbAsync(db => new MeetingBuilder().OnSite("中共清河区东城街道工作委员会").Published().SaveAsync(db));
        var reporter = await DbAsync(db => db.Reporters.Where(r => r.MeetingId == meeting && r.UnitName == "中共清河区东城街道工作委员会").Select(r => r.Id).SingleAsync());
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var secretary = new Session(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) });
        using (var login = await secretary.SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = "secretary", ["Input.Password"] = DemoPassword }))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        var page = await secretary.GetAsync($"/Reports/Submit/{reporter}");

        // Eight times Kestrel's limit for other requests (the 1 MB file limit plus 2 MB).
        using var response = await secretary.UploadAsync(page, "main form", new() { ["Input.Performance"] = "已经写好的内容" },
            new UploadFile("file", "big.pdf", [.. TestDocuments.Pdf(), .. new byte[24 * 1024 * 1024]]), ("submit", "true"));
        var result = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("文件大小超过1MB的限制，请压缩后再上传。", result.ErrorFor("file"));
        Assert.Equal("已经写好的内容", ((IHtmlTextAreaElement)result.QuerySelector("#Input_Performance")!).Value);
    }
}
