using System.Net;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Account;

public sealed class ChangePasswordTests : AppTest
{
    [Fact]
    public async Task Wrong_current_password_and_mismatch_get_Chinese_messages()
    {
        using var session = await SignInAsync("leader");

        using var wrong = await session.SubmitAsync("/Account/ChangePassword", "main form", new()
        {
            ["Input.CurrentPassword"] = "not-my-password1",
            ["Input.NewPassword"] = "Lantern#2026",
            ["Input.ConfirmPassword"] = "Lantern#2026",
        });
        Assert.Equal("当前密码不正确。", (await Session.ParseAsync(wrong)).ErrorFor("Input.CurrentPassword"));

        using var mismatch = await session.SubmitAsync("/Account/ChangePassword", "main form", new()
        {
            ["Input.CurrentPassword"] = DemoPassword,
            ["Input.NewPassword"] = "Lantern#2026",
            ["Input.ConfirmPassword"] = "Lantern#2027",
        });
        Assert.Equal("两次输入的新密码不一致。", (await Session.ParseAsync(mismatch)).ErrorFor("Input.ConfirmPassword"));
    }

    [Fact]
    public async Task Changed_password_replaces_the_old_one()
    {
        using var session = await SignInAsync("leader");

        var home = await session.SubmitAndFollowAsync("/Account/ChangePassword", "main form", new()
        {
            ["Input.CurrentPassword"] = DemoPassword,
            ["Input.NewPassword"] = "Lantern#2026",
            ["Input.ConfirmPassword"] = "Lantern#2026",
        });

        Assert.Contains("密码已修改。", home.MainText(), StringComparison.Ordinal);
        using var old = await Anonymous().SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = "leader", ["Input.Password"] = DemoPassword });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        using var fresh = await SignInAsync("leader", "Lantern#2026");
    }
}
