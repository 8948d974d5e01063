using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Tests.Infrastructure;

public sealed class ZipEntryNamesTests
{
    [Theory]
    [InlineData("a/b.c", "a_b.c.pdf")]
    [InlineData(@"..\..\windows\system32", "_._windows_system32.pdf")]
    [InlineData("../../etc/passwd", "_._etc_passwd.pdf")]
    [InlineData("区“两新”工委\r\n书记\u0000", "区“两新”工委__书记_.pdf")]
    [InlineData("...", "文件.pdf")]
    [InlineData("东城街道.", "东城街道.pdf")]
    [InlineData("a:b*c?d\"e<f>g|h", "a_b_c_d_e_f_g_h.pdf")]
    [InlineData("bidi\u202Efdp.exe", "bidi_fdp.exe.pdf")]
    public void Names_hold_no_folders_control_characters_or_leading_and_trailing_dots(string unsafeName, string entry)
    {
        Assert.Equal(entry, new ZipEntryNames().Next(unsafeName, ".pdf"));
    }

    [Fact]
    public void Repeated_names_get_a_number_whatever_their_case()
    {
        var names = new ZipEntryNames();

        string[] entries = [names.Next("书面-a/b.c", ".pdf"), names.Next("书面-a_b.c", ".pdf"), names.Next("书面-A_B.C", ".pdf"), names.Next("书面-a_b.c (2)", ".pdf")];

        Assert.Equal(["书面-a_b.c.pdf", "书面-a_b.c (2).pdf", "书面-A_B.C (3).pdf", "书面-a_b.c (2) (2).pdf"], entries);
    }
}
