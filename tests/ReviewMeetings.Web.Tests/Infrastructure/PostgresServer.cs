using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run, started from the machine's own binaries with fsync off, in memory
/// (/dev/shm) where the machine has 2 GB free there (a container's default 64 MB is too small), else under /tmp. Each run records its process id; the next run stops and removes
/// clusters whose owner is gone, so a killed run leaves nothing behind to trip on.
/// </summary>
/// <remarks>
/// Every test copies the template database and drops its copy afterwards, about 460 files each way. On ext4 that file
/// churn (inode allocation among recently deleted inodes) was a third of the CPU time of a page-test run; on tmpfs it is
/// a small fraction (docs/architecture.md, "Test time"). Each copy also writes its 9 MB to the WAL, so the WAL is capped
/// at 256 MB to keep the cluster's memory small.
/// </remarks>
internal sealed class PostgresServer
{
    private const string DiskRootFolder = "/tmp/reviewmeetings-tests";
    private static readonly string RootFolder = InMemoryRootFolder() ?? DiskRootFolder;
    private static readonly Lazy<PostgresServer> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(int port)
    {
        Port = port;
    }

    public static PostgresServer Shared => Instance.Value;

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Pooling=true;Maximum Pool Size=20;Include Error Detail=true";

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static PostgresServer Start()
    {
        var bin = FindBinDirectory();
        Directory.CreateDirectory(RootFolder);
        RemoveOrphans(bin);
        var folder = Path.Combine(RootFolder, $"run-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (RunningAsRoot)
        {
            Run("chmod", "755", RootFolder);
            Run("chown", "postgres", folder);
        }

        var data = Path.Combine(folder, "data");
        RunAsPostgres(Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync");
        var port = FreePort();
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
            "-c full_page_writes=off -c max_connections=400 -c shared_buffers=128MB -c track_commit_timestamp=on -c max_wal_size=256MB";
        RunAsPostgres(Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "postgres.log"), "-o", options, "-w", "-t", "60", "start");
        var server = new PostgresServer(port);
        // Stops the cluster and removes its folder when the test process ends, however it ends.
        string[] pgCtl = RunningAsRoot ? ["runuser", "-u", "postgres", "--", Path.Combine(bin, "pg_ctl")] : [Path.Combine(bin, "pg_ctl")];
        ExitGuard.Run("/bin/sh", ["-c", "folder=$1; shift; \"$@\" -m immediate -w stop; rm -rf \"$folder\"", "stop-cluster", folder, .. pgCtl, "-D", data]);
        return server;
    }

    private static string? InMemoryRootFolder()
    {
        try
        {
            return new DriveInfo("/dev/shm") is { IsReady: true, AvailableFreeSpace: >= 2L << 30 } ? "/dev/shm/reviewmeetings-tests" : null;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void RemoveOrphans(string bin)
    {
        // Also the clusters of runs from before the in-memory folder, which may still be running.
        var folders = new[] { RootFolder, DiskRootFolder }.Distinct().Where(Directory.Exists).SelectMany(root => Directory.GetDirectories(root, "run-*"));
        foreach (var folder in folders)
        {
            var ownerFile = Path.Combine(folder, "owner.pid");
            if (File.Exists(ownerFile) && int.TryParse(File.ReadAllText(ownerFile), out var owner) && IsAlive(owner))
            {
                continue;
            }

            if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
            {
                try
                {
                    RunAsPostgres(Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop");
                }
                catch (InvalidOperationException)
                {
                    // A crashed server leaves a stale pid file; nothing to stop.
                }
            }

            TryDelete(folder);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string FindBinDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("REVIEWMEETINGS_PG_BINDIR");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, "initdb")))
        {
            return fromEnvironment;
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found (looked in $REVIEWMEETINGS_PG_BINDIR and /usr/lib/postgresql/*/bin). Install them: apt-get install -y postgresql");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAsPostgres(string program, params string[] arguments)
    {
        if (RunningAsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} timed out.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
