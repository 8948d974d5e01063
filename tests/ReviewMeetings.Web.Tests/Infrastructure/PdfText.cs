using System.Globalization;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>Reads a generated PDF back as text, for tests that compare documents with the database.</summary>
internal static class PdfText
{
    /// <summary>
    /// The text of the whole PDF as pdftotext reads it, or of one page. Noto CJK maps some ideographs to look-alike
    /// Kangxi radicals (工 → ⼯) in the PDF's character map, so text is compared after compatibility normalization,
    /// with line breaks and layout spaces removed. Tables whose cells wrap read better in <paramref name="contentOrder"/>
    /// (pdftotext -raw): Chromium draws cell after cell, where the layout order interleaves the lines of neighbouring cells.
    /// </summary>
    public static string TextOf(byte[] pdf, int? page = null, bool contentOrder = false)
    {
        var file = Path.Combine(Path.GetTempPath(), $"document-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
            if (page is { } number)
            {
                foreach (var argument in new[] { "-f", number.ToString(CultureInfo.InvariantCulture), "-l", number.ToString(CultureInfo.InvariantCulture) })
                {
                    start.ArgumentList.Add(argument);
                }
            }

            if (contentOrder)
            {
                start.ArgumentList.Add("-raw");
            }

            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = System.Diagnostics.Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return Readable(text);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static string Readable(string text) =>
        new([.. text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c))]);
}
