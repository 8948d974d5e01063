namespace ReviewMeetings.Web.Documents;

/// <summary>Settings of the PDF engine (section "Pdf" of the configuration).</summary>
public sealed class PdfOptions
{
    /// <summary>
    /// The Chromium to print with. Unset: Debian's <c>chromium-headless-shell</c> when installed, else the full
    /// <c>chromium</c>. Both come from Debian's Chromium source and print the same PDF; the headless shell has no browser
    /// window machinery and takes about a third of the CPU per document (ADR 0002).
    /// </summary>
    public string? ExecutablePath { get; set; }

    /// <summary>Where Chromium is looked for when <see cref="ExecutablePath"/> is unset, preferred first.</summary>
    public static readonly IReadOnlyList<string> DefaultExecutablePaths = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];

    /// <summary>The configured path, else the first default that exists (else the first default, which is missing).</summary>
    public string Executable =>
        ExecutablePath is { Length: > 0 } configured ? configured : DefaultExecutablePaths.FirstOrDefault(File.Exists) ?? DefaultExecutablePaths[0];

    /// <summary>Documents rendered at once; more wait in line. 0 means one per CPU.</summary>
    public int MaxConcurrency { get; set; }

    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>The shared browser is closed after this long without a document, and started again when needed.</summary>
    public int IdleSeconds { get; set; } = 300;

    /// <summary>Font stacks: official fonts first when the organization has installed them, then Noto CJK.</summary>
    public string TitleFonts { get; set; } = "\"方正小标宋简体\", \"FZXiaoBiaoSong-B05S\", \"Noto Serif CJK SC\", \"Noto Serif SC\", serif";

    public string BodyFonts { get; set; } = "\"仿宋_GB2312\", \"仿宋\", \"FangSong\", \"Noto Serif CJK SC\", \"Noto Serif SC\", serif";

    public string HeadingFonts { get; set; } = "\"黑体\", \"SimHei\", \"Noto Sans CJK SC\", \"Noto Sans SC\", sans-serif";

    public string KaiFonts { get; set; } = "\"楷体_GB2312\", \"楷体\", \"KaiTi\", \"Noto Serif CJK SC\", serif";

    public int Concurrency => MaxConcurrency > 0 ? MaxConcurrency : Environment.ProcessorCount;
}
