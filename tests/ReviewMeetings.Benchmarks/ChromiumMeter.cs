using System.Globalization;

namespace ReviewMeetings.Benchmarks;

/// <summary>
/// Samples, from /proc, the Chromium processes this process started (through Playwright's driver): the peak of their
/// memory, and their CPU time. RSS summed over processes counts shared pages (the browser binary, fonts) once per
/// process; PSS splits them, so it is the fairer total and RSS the upper bound. CPU time includes the exited children
/// each Chromium process has reaped (a renderer per document, reaped by the zygote), so no document's work is lost.
/// PSS is read only on every tenth sample: the kernel walks the page tables for it, which would load the machine.
/// </summary>
internal sealed class ChromiumMeter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    // Linux reports /proc/*/stat times in clock ticks of 1/100 s on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public ChromiumMeter(TimeSpan interval) => _sampling = SampleAsync(interval, _stop.Token);

    /// <summary>The highest value of each measure, each at its own moment.</summary>
    public MemoryPeak Peak { get; private set; } = new(0, 0, 0);

    public int Samples { get; private set; }

    public static Sample Now(bool withPss = false)
    {
        var processes = new List<(int Pid, int Parent, string Name, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                processes.Add((pid, stat.Parent, stat.Name, stat.Ticks));
            }
        }

        var descendants = new HashSet<int> { Environment.ProcessId };
        for (var added = true; added;)
        {
            added = false;
            foreach (var (pid, parent, _, _) in processes)
            {
                added |= descendants.Contains(parent) && descendants.Add(pid);
            }
        }

        var browser = processes.Where(p => descendants.Contains(p.Pid) && p.Name.StartsWith("chrom", StringComparison.Ordinal)).ToList();
        return new Sample(
            browser.Sum(p => Kilobytes($"/proc/{p.Pid}/status", "VmRSS:")),
            withPss ? browser.Sum(p => Kilobytes($"/proc/{p.Pid}/smaps_rollup", "Pss:")) : 0,
            browser.Count,
            browser.Sum(p => p.Ticks) / TicksPerSecond);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            var now = Now(withPss: Samples % 10 == 0);
            Samples++;
            Peak = new MemoryPeak(Math.Max(Peak.RssKilobytes, now.RssKilobytes), Math.Max(Peak.PssKilobytes, now.PssKilobytes), Math.Max(Peak.Processes, now.Processes));
        }
        while (await Tick(timer, cancellationToken));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Name, parent and CPU ticks (utime + stime + cutime + cstime) from /proc/PID/stat ("pid (name) state ppid …");
    /// null once the process is gone.
    /// </summary>
    private static (string Name, int Parent, long Ticks)? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
            return (name, (int)Field(1), Field(11) + Field(12) + Field(13) + Field(14));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Kilobytes(string file, string field)
    {
        try
        {
            var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    internal sealed record Sample(long RssKilobytes, long PssKilobytes, int Processes, double CpuSeconds);

    internal sealed record MemoryPeak(long RssKilobytes, long PssKilobytes, int Processes);
}
