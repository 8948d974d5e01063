using System.Diagnostics;
using System.Globalization;

namespace ReviewMeetings.Benchmarks;

/// <summary>CPU time spent by a stretch of work, in this process (the app and the load generator) and in PostgreSQL.</summary>
internal readonly record struct CpuTime(TimeSpan Process, TimeSpan Database)
{
    public TimeSpan Total => Process + Database;

    public static CpuTime operator -(CpuTime after, CpuTime before) => new(after.Process - before.Process, after.Database - before.Database);
}

/// <summary>
/// Reads CPU time, which other load on a shared machine hardly changes, unlike wall-clock time. PostgreSQL's share is
/// the sum over the server processes whose title names the benchmark database (one per pooled connection); the last
/// reading of a process is kept after it exits, because the pools close idle connections.
/// </summary>
internal sealed class CpuMeter(string database)
{
    private readonly Dictionary<int, long> _ticks = [];

    // Linux reports /proc/*/stat times in clock ticks of 1/100 s on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public CpuTime Now()
    {
        using var self = Process.GetCurrentProcess();
        return new CpuTime(self.TotalProcessorTime, TimeSpan.FromSeconds(DatabaseTicks() / TicksPerSecond));
    }

    private long DatabaseTicks()
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var title = File.ReadAllText(Path.Combine(folder, "cmdline"));
                if (!title.StartsWith("postgres: ", StringComparison.Ordinal) || !title.Contains($" {database} ", StringComparison.Ordinal))
                {
                    continue;
                }

                // The fields after the command name in parentheses: utime and stime are the 12th and 13th.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                _ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return _ticks.Values.Sum();
    }
}
