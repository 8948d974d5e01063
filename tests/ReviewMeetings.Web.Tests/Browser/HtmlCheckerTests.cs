namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>The checker every browser test hands its pages to reports errors and lets warnings pass.</summary>
public sealed class HtmlCheckerTests
{
    [Fact]
    public async Task Reports_a_duplicate_id_and_an_aria_label_on_a_paragraph_with_their_lines()
    {
        var errors = await HtmlChecker.ErrorsAsync(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><title>测试</title></head><body>\n<input id=\"Version\" type=\"hidden\">\n<input id=\"Version\" type=\"hidden\">\n<p aria-label=\"计时\">5:00</p>\n</body></html>");

        Assert.Contains(errors, e => e.StartsWith("line 4:", StringComparison.Ordinal) && e.Contains("Duplicate ID", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("line 5:", StringComparison.Ordinal) && e.Contains("aria-label", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lets_a_valid_page_with_only_warnings_pass()
    {
        // A section without a heading is a warning, not an error.
        var errors = await HtmlChecker.ErrorsAsync(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><title>测试</title></head><body><section><p>内容</p></section></body></html>");

        Assert.Empty(errors);
    }
}
