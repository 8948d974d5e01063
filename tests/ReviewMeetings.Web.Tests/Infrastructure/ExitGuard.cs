using System.Diagnostics;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>
/// Runs a command when the test process ends, whether it exits, is killed or is interrupted (only a SIGKILL sent to
/// the whole process group takes the guard with it; the next run's orphan sweep covers that). The test runner kills its test host at the end of a run
/// rather than letting it exit, so <see cref="AppDomain.ProcessExit"/> handlers never ran and every run left its HTML
/// checker JVM and its PostgreSQL cluster (in memory, on /dev/shm) behind. A guard is a shell waiting on a pipe from
/// this process: the kernel closes the pipe when the process dies, and the shell then runs the command.
/// </summary>
internal static class ExitGuard
{
    // Referenced for the life of the process: collecting a guard would close its pipe and run the command early.
    private static readonly List<Process> Guards = [];

    public static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // The guard ignores the signals a terminal or a runner sends to the whole process group (Ctrl-C, SIGTERM, SIGHUP),
        // and so does cat, which inherits that: only the end of the pipe sets it off.
        foreach (var argument in new[] { "-c", "trap '' INT TERM HUP; cat >/dev/null; \"$@\" >/dev/null 2>&1", "exit-guard", program }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var guard = Process.Start(start) ?? throw new InvalidOperationException("Could not start /bin/sh for an exit guard.");
        lock (Guards)
        {
            Guards.Add(guard);
        }
    }
}
